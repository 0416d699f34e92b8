using BootRoute.Model;
using BootRoute.Settings;

namespace BootRoute.Planning;

/// <summary>A NIC the run manages: its lease in force, its slot and its <c>interfaces:</c> entry (null in automatic mode).</summary>
internal sealed record Candidate(LeasedInterface Leased, int Slot, InterfaceSelection? Selection)
{
    public Link Link => Leased.Link;
}
