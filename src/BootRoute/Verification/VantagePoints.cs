using BootRoute.Planning;

namespace BootRoute.Verification;

/// <summary>
/// The NICs that probe a NIC's floating IP: the <see cref="PerCheck"/> that follow it in the plan's
/// order, wrapping around. One answer concludes a floating check, so every other NIC probing every
/// floating IP bought nothing but N² probes started at once: at 32 NICs nearly a thousand sockets,
/// whose start-up alone outlasted the round trip on a two-core instance (and where a provider does not
/// hairpin NAT, every one of them stays silent). This way each NIC is the vantage point of exactly
/// <see cref="PerCheck"/> checks, so the load is even, and one broken vantage NIC costs no check that
/// its own targets or the other vantage points can carry.
/// </summary>
internal static class VantagePoints
{
    public const int PerCheck = 3;

    public static List<PlannedInterface> For(PlannedInterface nic, RoutingPlan plan)
    {
        var all = plan.Interfaces;
        int at = Enumerable.Range(0, all.Count).First(index => all[index].Name == nic.Name);
        return Enumerable.Range(1, Math.Min(PerCheck, all.Count - 1)).Select(step => all[(at + step) % all.Count]).ToList();
    }
}
