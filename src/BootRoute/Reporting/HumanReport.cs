using System.Globalization;
using BootRoute.Model;

namespace BootRoute.Reporting;

/// <summary>
/// The report as a person reads it. `plan` prints a shell script (comments and `ip` commands) that
/// can be pasted as it is.
/// </summary>
public static class HumanReport
{
    public static string Format(Report report)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(text, report);
        return text.ToString();
    }

    public static void Write(TextWriter writer, Report report)
    {
        var text = new ReportText(writer);
        text.Append("# bootroute ").Append(report.Command).Append(": ").AppendLine(report.Summary);
        foreach (var nic in report.Interfaces)
        {
            AppendInterface(text, nic);
        }
        foreach (var nic in report.IPv6OnlyInterfaces)
        {
            text.Append("#   ").Append(nic.Name).Append(" IPv6 only, table ").Append(nic.Table).Append(", priority ").Append(nic.Priority);
            text.AppendLine(nic.Verified switch { true => ": verified", false => ": FAILED", null => "" });
            AppendChecksAndIPv6(text, nic.Checks, nic.IPv6);
        }
        foreach (var held in report.Held)
        {
            text.Append("#   ").Append(held.Name).Append(": NOT MANAGED, table ").Append(held.Table).Append(" and priority ")
                .Append(held.Priority).AppendLine(" left as they were");
        }
        if (report.Rollback is { } rollback)
        {
            text.Append("# ROLLED BACK ").Append(Counted.Of(rollback.Undone, "operation")).Append(": the apply cut the primary's path")
                .AppendLine(rollback.Restored ? "; it answers again" : "; it still does not answer");
            foreach (var lost in rollback.Lost)
            {
                text.Append("#   lost ").AppendLine(lost);
            }
        }
        if (report.Owned is { } owned)
        {
            AppendOwned(text, owned);
        }
        foreach (var diagnostic in report.Diagnostics)
        {
            text.Append("# note: ").AppendLine(diagnostic);
        }
        AppendOperations(text, report);
        if (report.Persistence is { } persistence)
        {
            AppendPersistence(text, persistence);
        }
    }

    private static void AppendInterface(ReportText text, InterfaceReport nic)
    {
        text.Append("#   ").Append(nic.Name).Append(' ').Append(nic.Address).Append('/').Append(nic.PrefixLength)
            .Append(" via ").Append(nic.Gateway)
            .Append(", table ").Append(nic.Table).Append(", priority ").Append(nic.Priority)
            .Append(nic.Primary ? ", primary (DEFROUTE=yes)" : ", DEFROUTE=no");
        if (nic.FloatingIp is not null)
        {
            text.Append(", floating IP ").Append(nic.FloatingIp);
        }
        if (nic.Verified is { } verified)
        {
            text.Append(verified ? ": verified" : ": FAILED");
        }
        text.Append(" (lease: ").Append(nic.LeaseSource).AppendLine(")");
        AppendChecksAndIPv6(text, nic.Checks, nic.IPv6);
    }

    private static void AppendChecksAndIPv6(ReportText text, IReadOnlyList<CheckReport> checks, IPv6Report? side)
    {
        foreach (var check in checks)
        {
            text.Append("#     ").Append(check.Passed ? "ok   " : "FAIL ").Append(check.Name.PadRight(9))
                .AppendLine(check.Detail);
        }
        if (side is { } ipv6)
        {
            text.Append("#     ipv6 ").Append(string.Join(" ", ipv6.Addresses)).Append(" (rules from ").Append(string.Join(" ", ipv6.Prefixes))
                .Append(") via ").Append(ipv6.Router)
                .AppendLine(ipv6.Primary ? ", primary" : ", accept_ra_defrtr=0");
        }
    }

    private static void AppendOwned(ReportText text, OwnedState owned)
    {
        text.AppendLine(owned.Drift ? "# owned state differs from the plan (run `bootroute apply`):" : "# owned state matches the plan:");
        foreach (var rule in owned.Rules)
        {
            text.Append("#   rule  ").AppendLine(rule);
        }
        foreach (var route in owned.Routes)
        {
            text.Append("#   route ").AppendLine(route);
        }
        if (owned.LastRun is { Unreadable: null } last)
        {
            text.Append("# last run (status.json): ").Append(last.Command).Append(", exit ").Append(last.ExitCode)
                .AppendLine(last.FailedChecks.Count == 0 ? ", no failed check" : $", failed: {string.Join(", ", last.FailedChecks)}");
        }
    }

    /// <summary>For plan, the commands themselves (a script to paste); for the other commands, what was done, as comments.</summary>
    private static void AppendOperations(ReportText text, Report report)
    {
        if (report.Operations.Count == 0)
        {
            return;
        }
        bool plan = report.Command == "plan";
        text.AppendLine(plan ? "# operations to apply:"
            : report.Command == "status" ? "# operations apply would run to converge:"
            : $"# operations ({report.Applied} applied):");
        foreach (var operation in report.Operations)
        {
            text.AppendLine(plan ? operation : "#   " + operation);
        }
        if (plan)
        {
            text.AppendLine("ip route flush cache");
        }
    }

    /// <summary>
    /// The stack per NIC, then the files: as unified diffs when not written yet (plan, status), each
    /// line behind "#| " so the plan stays a script and `sed -n 's/^#| //p'` turns it into a patch.
    /// </summary>
    private static void AppendPersistence(ReportText text, PersistenceReport persistence)
    {
        foreach (var nic in persistence.Interfaces)
        {
            text.Append("# persist: ").Append(nic.Interface).Append(' ').Append(nic.Backend).Append(": ").AppendLine(nic.Reason);
        }
        foreach (var file in persistence.Files)
        {
            if (persistence.Written)
            {
                text.Append("# persist: ").Append(file.Action).Append(' ').AppendLine(file.Path);
                continue;
            }
            text.Append("# persist: would ").Append(file.Action).Append(' ').Append(file.Path).AppendLine(":");
            foreach (var line in file.Diff.Split('\n', StringSplitOptions.None).SkipLast(1))
            {
                text.Append("#| ").AppendLine(line);
            }
        }
    }
}
