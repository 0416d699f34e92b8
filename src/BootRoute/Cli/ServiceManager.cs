using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace BootRoute.Cli;

/// <summary>
/// systemd's readiness protocol (sd_notify(3)) for bootroute.service, a <c>Type=notify</c> unit: the
/// agent says READY=1 once the kernel holds the plan, so multi-user.target and cloud-final.service
/// (ordered after the unit's start) wait for the routing but not for verification and persistence,
/// which go on in the same run. Sent again when the run ends (a no-op after the first): a notify unit
/// whose process exits 0 without READY=1 fails with result "protocol", and runs that change nothing
/// (already converged, nothing to manage) must not fail for that.
/// Only the unit's own main process notifies: systemd sets SYSTEMD_EXEC_PID to the process it
/// started, and a DHCP hook's run inherits another unit's NOTIFY_SOCKET (networkd-dispatcher is a
/// notify unit itself), where a message would only earn a warning in the journal. Best effort: a
/// socket that is gone costs nothing, and systemd's start timeout catches a READY that never came.
/// </summary>
internal static class ServiceManager
{
    private static int _readySent;

    /// <summary>The datagram for READY=1 with a status line of BootRoute's own words (no outside value).</summary>
    public static byte[] ReadyMessage(string status) => Encoding.UTF8.GetBytes($"READY=1\nSTATUS={status}\n");

    /// <summary>Sends READY=1 once per process, when this process is the one systemd is waiting for.</summary>
    public static void NotifyReady(string status)
    {
        if (Interlocked.Exchange(ref _readySent, 1) == 1)
        {
            return;
        }
        if (EndPoint(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"), Environment.GetEnvironmentVariable("SYSTEMD_EXEC_PID"), Environment.ProcessId) is { } service)
        {
            Send(service, ReadyMessage(status));
        }
    }

    /// <summary>
    /// Where to notify, or null: no NOTIFY_SOCKET, a socket systemd would not give (only an absolute
    /// path or '@' for the abstract namespace; vsock is for virtual machines' managers), or a
    /// SYSTEMD_EXEC_PID that names another process. Without SYSTEMD_EXEC_PID (systemd before 248) the
    /// socket is trusted.
    /// </summary>
    public static UnixDomainSocketEndPoint? EndPoint(string? notifySocket, string? execPid, int processId)
    {
        if (string.IsNullOrEmpty(notifySocket) || notifySocket.Length > 107 || notifySocket.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }
        if (execPid is not null
            && (!int.TryParse(execPid, NumberStyles.None, CultureInfo.InvariantCulture, out int started) || started != processId))
        {
            return null;
        }
        return notifySocket[0] switch
        {
            '/' => new UnixDomainSocketEndPoint(notifySocket),
            '@' => new UnixDomainSocketEndPoint("\0" + notifySocket[1..]),
            _ => null,
        };
    }

    public static void Send(UnixDomainSocketEndPoint service, byte[] message)
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.SendTo(message, service);
        }
        catch (SocketException)
        {
            // Best effort (see the class): the unit's start timeout is what notices.
        }
    }
}
