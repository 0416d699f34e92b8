using BootRoute.Model;

namespace BootRoute.Planning;

/// <summary>
/// Warns about managed NICs whose effective rp_filter is strict (1; the kernel uses the larger of
/// "all" and the NIC's value). With BootRoute's rules a reply leaves by the NIC its request came in
/// on, so strict mode passes the traffic the plan is for; but a packet for one NIC's address that
/// arrives on another NIC (asymmetric paths upstream) fails the reverse-path check and is dropped.
/// </summary>
public static class ReversePathAdvice
{
    public static IEnumerable<string> For(RoutingPlan plan, HostSnapshot snapshot)
    {
        int all = Value(snapshot, SysctlKeys.ReversePathFilter(SysctlKeys.All));
        foreach (var nic in plan.Interfaces)
        {
            string key = SysctlKeys.ReversePathFilter(nic.Name);
            bool madeLoose = plan.Sysctls.Any(wanted => wanted.Key == key);
            if (!madeLoose && Math.Max(all, Value(snapshot, key)) == 1)
            {
                yield return $"{nic.Name}: rp_filter is strict (1): packets for {nic.Address} that arrive on another NIC are dropped; "
                    + "set sysctl.rp_filter: loose to accept them";
            }
        }
    }

    private static int Value(HostSnapshot snapshot, string key) =>
        snapshot.Sysctls.TryGetValue(key, out var text) && int.TryParse(text, out int value) ? value : 0;
}
