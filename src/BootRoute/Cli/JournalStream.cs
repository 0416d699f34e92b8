using System.Globalization;
using System.Text;

namespace BootRoute.Cli;

/// <summary>
/// Syslog priorities on stderr when stderr is the journal: systemd sets JOURNAL_STREAM to the
/// "device:inode" of the stream it connected (systemd.exec(5)), and journald reads a leading
/// <c>&lt;N&gt;</c> as the line's priority (as systemd-cat and sd-daemon(3) use). Terminals, pipes and
/// the lab keep plain lines. <c>BOOTROUTE_LOG_PRIORITIES=1</c> forces the prefixes (the DHCP hooks
/// set it when they run the agent under systemd-cat), <c>=0</c> turns them off.
/// </summary>
internal static class JournalStream
{
    public const string ForceVariable = "BOOTROUTE_LOG_PRIORITIES";

    /// <summary>LOG_ERR: what went wrong (every stderr line that carries no priority of its own).</summary>
    public const int Error = 3;

    /// <summary>LOG_NOTICE: progress (waiting for a lease or the lock, a hook's trigger).</summary>
    public const int Notice = 5;

    private static bool? _enabled;

    public static bool Enabled => _enabled ??= Detect(
        Environment.GetEnvironmentVariable(ForceVariable), Environment.GetEnvironmentVariable("JOURNAL_STREAM"), StderrTarget());

    private static bool? _isJournal;

    /// <summary>
    /// Whether stderr is really the journal's stream (systemd connected it), not only forced: only then
    /// are structured fields sent (<see cref="NativeJournal"/>); a forced run under systemd-cat, or the
    /// lab, never writes to the host's journal socket.
    /// </summary>
    public static bool IsJournal => _isJournal ??= DetectJournal(
        Environment.GetEnvironmentVariable(ForceVariable), Environment.GetEnvironmentVariable("JOURNAL_STREAM"), StderrTarget());

    /// <summary><see cref="Detect"/> without the forcing on: BOOTROUTE_LOG_PRIORITIES=0 still turns it off.</summary>
    public static bool DetectJournal(string? force, string? journalStream, string? stderrTarget) =>
        force is not ("0" or "no" or "false") && Detect(null, journalStream, stderrTarget);

    /// <summary>"&lt;N&gt;" when stderr is the journal, else "".</summary>
    public static string Prefix(int priority) => Enabled ? $"<{priority.ToString(CultureInfo.InvariantCulture)}>" : "";

    /// <summary>Installs the prefixing writer as Console.Error when stderr is the journal.</summary>
    public static void Attach()
    {
        if (Enabled)
        {
            Console.SetError(new PrefixingWriter(Console.Error, Error));
        }
    }

    /// <param name="force">BOOTROUTE_LOG_PRIORITIES.</param>
    /// <param name="journalStream">JOURNAL_STREAM, "device:inode".</param>
    /// <param name="stderrTarget">What /proc/self/fd/2 links to, e.g. "socket:[12345]".</param>
    public static bool Detect(string? force, string? journalStream, string? stderrTarget)
    {
        if (force is "1" or "yes" or "true")
        {
            return true;
        }
        if (force is "0" or "no" or "false")
        {
            return false;
        }
        // The variable is inherited by children whose stderr may be something else (a hook's log
        // file, a terminal): it counts only when stderr is still the journal's socket.
        int colon = journalStream?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0 || stderrTarget is null)
        {
            return false;
        }
        return stderrTarget == $"socket:[{journalStream![(colon + 1)..]}]";
    }

    private static string? StderrTarget()
    {
        try
        {
            return new FileInfo(Paths.Kernel.StandardErrorLink).LinkTarget;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Prefixes each line that does not start with a priority already.</summary>
    private sealed class PrefixingWriter(TextWriter inner, int priority) : TextWriter
    {
        private readonly StringBuilder _line = new();

        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            if (value == '\n')
            {
                EmitLine();
                return;
            }
            _line.Append(value);
        }

        public override void Write(string? value)
        {
            foreach (char c in value ?? "")
            {
                Write(c);
            }
        }

        public override void WriteLine(string? value)
        {
            Write(value);
            Write('\n');
        }

        public override void Flush() => inner.Flush();

        private void EmitLine()
        {
            string text = _line.ToString();
            _line.Clear();
            bool prefixed = text.Length >= 3 && text[0] == '<' && char.IsAsciiDigit(text[1]) && text[2] == '>';
            inner.Write((prefixed ? "" : $"<{priority.ToString(CultureInfo.InvariantCulture)}>") + text + "\n");
            inner.Flush();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _line.Length > 0)
            {
                EmitLine();
            }
            base.Dispose(disposing);
        }
    }
}
