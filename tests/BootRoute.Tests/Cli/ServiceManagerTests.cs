using System.Net.Sockets;
using System.Text;
using BootRoute.Cli;
using Xunit;

namespace BootRoute.Tests.Cli;

public class ServiceManagerTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("run/notify", null)]
    [InlineData("vsock:2:1234", null)]
    [InlineData("/run/systemd/notify", "41")]
    public void Notifies_only_a_socket_systemd_gives_and_only_from_the_process_it_started(string? socket, string? execPid)
    {
        Assert.Null(ServiceManager.EndPoint(socket, execPid, processId: 42));
    }

    [Theory]
    [InlineData("/run/systemd/notify", "42")]
    [InlineData("/run/systemd/notify", null)]
    [InlineData("@/org/freedesktop/systemd1/notify/123", "42")]
    public void The_units_main_process_notifies_a_path_or_an_abstract_socket(string socket, string? execPid)
    {
        Assert.NotNull(ServiceManager.EndPoint(socket, execPid, processId: 42));
    }

    [Fact]
    public void A_hook_run_under_another_units_socket_stays_silent_and_junk_pids_are_not_trusted()
    {
        Assert.Null(ServiceManager.EndPoint("/run/systemd/notify", "+42", processId: 42));
        Assert.Null(ServiceManager.EndPoint("/run/systemd/notify", "42 ", processId: 42));
        Assert.Null(ServiceManager.EndPoint("/" + new string('a', 200), "42", processId: 42));
    }

    [Fact]
    public void Ready_reaches_a_real_notify_socket_as_systemd_reads_it()
    {
        string directory = Directory.CreateTempSubdirectory("bootroute-notify-").FullName;
        try
        {
            string path = Path.Combine(directory, "notify");
            using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            systemd.Bind(new UnixDomainSocketEndPoint(path));
            systemd.ReceiveTimeout = 5000;

            ServiceManager.Send(ServiceManager.EndPoint(path, "42", processId: 42)!, ServiceManager.ReadyMessage("routing applied; verifying"));

            var buffer = new byte[512];
            int received = systemd.Receive(buffer);
            Assert.Equal("READY=1\nSTATUS=routing applied; verifying\n", Encoding.UTF8.GetString(buffer, 0, received));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
