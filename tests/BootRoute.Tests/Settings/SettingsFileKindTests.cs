using System.Diagnostics;
using BootRoute.Settings;
using Xunit;

namespace BootRoute.Tests.Settings;

/// <summary>A settings path that is not a regular file is refused at once: a FIFO must never hang a boot.</summary>
public sealed class SettingsFileKindTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bootroute-settings-kind-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_fifo_is_refused_without_waiting_for_a_writer()
    {
        string fifo = Path.Combine(_directory, "bootroute.yaml");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var load = Task.Run(() => Assert.Throws<ConfigurationException>(
            () => SettingsLoader.Load(fifo, new Dictionary<string, string?>(), new Dictionary<string, string>())).Message);

        string message = await load.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith($"{fifo}: cannot read: ", message, StringComparison.Ordinal);
        Assert.Contains("FIFO", message, StringComparison.Ordinal);
    }
}
