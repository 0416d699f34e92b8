using BootRoute.Model;
using BootRoute.Planning;

namespace BootRoute.Verification;

/// <summary>What the verifier accepts from <c>verify.echo_url</c> as a NIC's floating IP.</summary>
internal static class FloatingIpAnswer
{
    /// <summary>
    /// The echo service speaks plain HTTP and is outside: an answer that is one of this instance's own
    /// addresses (a forger telling each NIC another NIC's address would make the floating check probe
    /// the instance itself and pass with no NAT at all) or an address no NAT can present to the outside
    /// (loopback, link-local, multicast, reserved) cannot verify anything, so it counts as no answer.
    /// </summary>
    public static AddressAnswer Credible(AddressAnswer answer, RoutingPlan plan)
    {
        if (answer.Address is not { } address)
        {
            return answer;
        }
        var own = plan.Interfaces.FirstOrDefault(nic => nic.Addresses.Contains(address));
        string? why = own is not null ? $"an address of this instance (on {own.Name})"
            : address.GetAddressBytes() is [169, 254, ..] ? "a link-local address"
            : NextHop.WhyNot(address);
        return why is null ? answer : answer with { Address = null, Detail = $"the echo service answered {address}, which is {why}: not a floating IP" };
    }
}
