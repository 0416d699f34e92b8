using System.Net.Sockets;
using System.Net;
using System.Text;
using BootRoute.Native;
using BootRoute.Netlink;
using BootRoute.Tests.Netlink;
using BootRoute.Verification;
using Xunit;

namespace BootRoute.Tests.Verification;

/// <summary>
/// The real probes on a real kernel, inside a private namespace that has only its loopback: ICMP
/// replies matched by the interface they came in on, a refused TCP connect counted as an answer, and
/// the echo-URL client against a real HTTP exchange. Root is required (a failure, not a skip).
/// </summary>
public sealed class ProberKernelTests : IDisposable
{
    private static readonly IPAddress Loopback = IPAddress.Loopback;
    private readonly LabNamespace lab = new();

    public void Dispose() => lab.Dispose();

    /// <summary>
    /// Runs <paramref name="start"/> on a new thread that has entered the lab namespace. Sockets keep the
    /// namespace they were created in, and the probes create theirs before their first await, so the
    /// rest of the work may continue on any thread. The thread dies afterwards, never returning to a pool.
    /// </summary>
    private T InNamespace<T>(Func<Task<T>> start)
    {
        Task<T>? task = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                int fd = Native.Interop.Libc.Open(lab.Path, FileFlags.O_RDONLY | FileFlags.O_CLOEXEC);
                Assert.True(fd >= 0, $"open {lab.Path} failed");
                using var handle = new SafeFileDescriptorHandle(fd);
                Assert.Equal(0, BootRoute.Netlink.Interop.Libc.SetNs(handle, SocketConstants.CLONE_NEWNET));
                task = start();
            }
            catch (Exception error)
            {
                failure = error;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException("the namespaced part of the test failed", failure);
        }
        return task!.GetAwaiter().GetResult();
    }

    // Generous: an answer ends a probe at once, and a loaded CI machine can starve the thread pool.
    private static Probe Echo(IPAddress destination, int ingress, int milliseconds = 10_000) =>
        new(Loopback, destination, null, ingress, TimeSpan.FromMilliseconds(milliseconds));

    [Fact]
    public void An_echo_reply_on_the_expected_interface_is_an_answer()
    {
        var result = InNamespace(() => new SocketProber().ProbeAsync(Echo(Loopback, ingress: 1), CancellationToken.None));

        Assert.True(result.Answered, result.Detail);
        Assert.StartsWith("echo reply from 127.0.0.1 in", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_echo_reply_that_comes_in_by_another_interface_is_not_an_answer()
    {
        var result = InNamespace(() => new SocketProber().ProbeAsync(Echo(Loopback, ingress: 42, milliseconds: 1000), CancellationToken.None));

        Assert.False(result.Answered);
        Assert.Equal("the echo reply from 127.0.0.1 came in by ifindex 1, not ifindex 42 (asymmetric path)", result.Detail);
    }

    [Fact]
    public void An_icmpv6_echo_reply_on_the_expected_interface_is_an_answer_and_on_another_is_not()
    {
        var (answered, stray) = InNamespace(async () =>
        {
            var prober = new SocketProber();
            var right = prober.ProbeAsync(new Probe(IPAddress.IPv6Loopback, IPAddress.IPv6Loopback, null, 1, TimeSpan.FromSeconds(10)), CancellationToken.None);
            var wrong = prober.ProbeAsync(new Probe(IPAddress.IPv6Loopback, IPAddress.IPv6Loopback, null, 42, TimeSpan.FromSeconds(1)), CancellationToken.None);
            return (await right, await wrong);
        });

        Assert.True(answered.Answered, answered.Detail);
        Assert.StartsWith("echo reply from ::1 in", answered.Detail, StringComparison.Ordinal);
        Assert.False(stray.Answered);
        Assert.Equal("the echo reply from ::1 came in by ifindex 1, not ifindex 42 (asymmetric path)", stray.Detail);
    }

    [Fact]
    public void An_icmpv6_echo_to_a_link_local_router_without_a_route_fails_with_the_kernels_reason()
    {
        // Scoped to loopback, which has no fe80:: route: the kernel refuses the send.
        var router = new IPAddress(IPAddress.Parse("fe80::1").GetAddressBytes(), 1);
        var result = InNamespace(() => new SocketProber().ProbeAsync(new Probe(IPAddress.IPv6Loopback, router, null, 1, TimeSpan.FromSeconds(2)), CancellationToken.None));

        Assert.False(result.Answered);
        Assert.StartsWith("echo to fe80::1 from ::1 failed:", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tcp_probe_from_an_ipv6_source_connects_over_ipv6()
    {
        var result = InNamespace(async () =>
        {
            using var listener = new TcpListener(IPAddress.IPv6Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            return await new SocketProber().ProbeAsync(new Probe(IPAddress.IPv6Loopback, IPAddress.IPv6Loopback, port, 0, TimeSpan.FromSeconds(10)), CancellationToken.None);
        });

        Assert.True(result.Answered, result.Detail);
        Assert.StartsWith("connected to [::1]:", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_echo_without_a_route_fails_at_once_with_the_kernels_reason()
    {
        var result = InNamespace(() => new SocketProber().ProbeAsync(Echo(IPAddress.Parse("192.0.2.10"), ingress: 0), CancellationToken.None));

        Assert.False(result.Answered);
        Assert.Contains("Network is unreachable", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_tcp_connect_is_an_answer_and_a_listener_is_too()
    {
        var (refused, connected) = InNamespace(async () =>
        {
            using var listener = new TcpListener(Loopback, 0);
            listener.Start();
            int open = ((IPEndPoint)listener.LocalEndpoint).Port;
            var prober = new SocketProber();
            var refusedTask = prober.ProbeAsync(new Probe(Loopback, Loopback, 1, 0, TimeSpan.FromSeconds(10)), CancellationToken.None);
            var connectedTask = prober.ProbeAsync(new Probe(Loopback, Loopback, open, 0, TimeSpan.FromSeconds(10)), CancellationToken.None);
            return (await refusedTask, await connectedTask);
        });

        Assert.True(refused.Answered, refused.Detail);
        Assert.Contains("refused the connection", refused.Detail, StringComparison.Ordinal);
        Assert.True(connected.Answered, connected.Detail);
        Assert.StartsWith("connected to 127.0.0.1:", connected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_echo_url_client_reads_the_address_the_server_saw()
    {
        string? request = null;
        var answer = InNamespace(async () =>
        {
            using var listener = new TcpListener(Loopback, 0);
            listener.Start();
            var url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/ip?format=text");
            var asking = new SocketProber().AskAddressAsync(Loopback, url, TimeSpan.FromSeconds(10), CancellationToken.None);
            using (var client = await listener.AcceptTcpClientAsync())
            {
                var stream = client.GetStream();
                var buffer = new byte[1024];
                int length = 0;
                while (!Encoding.ASCII.GetString(buffer, 0, length).Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    length += await stream.ReadAsync(buffer.AsMemory(length));
                }
                request = Encoding.ASCII.GetString(buffer, 0, length);
                string peer = ((IPEndPoint)client.Client.RemoteEndPoint!).Address.ToString();
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n{peer}\n"));
            }
            return await asking;
        });

        Assert.Equal(Loopback, answer.Address);
        Assert.StartsWith("GET /ip?format=text HTTP/1.0\r\nHost: 127.0.0.1:", request, StringComparison.Ordinal);
    }

    [Fact]
    public void An_echo_url_nobody_serves_is_no_answer_with_the_reason()
    {
        var answer = InNamespace(() => new SocketProber().AskAddressAsync(Loopback, new Uri("http://127.0.0.1:1/"), TimeSpan.FromSeconds(10), CancellationToken.None));

        Assert.Null(answer.Address);
        Assert.Contains("http://127.0.0.1:1/", answer.Detail, StringComparison.Ordinal);
        Assert.Contains("refused", answer.Detail, StringComparison.OrdinalIgnoreCase);
    }
}
