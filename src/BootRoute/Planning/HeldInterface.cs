namespace BootRoute.Planning;

/// <summary>
/// A NIC BootRoute would manage but leaves as the kernel has it this run, because its own data is bad
/// (no lease, a gateway that cannot be a next hop, a configured name that is not there) or because the
/// kernel refused one of its operations. Its table and rule priority stay reserved for it: its objects
/// from an earlier run are neither removed nor renumbered onto another NIC, and the other NICs still
/// converge. <see cref="Reason"/> is the one line the report gives for it.
/// </summary>
public sealed record HeldInterface(string Name, string Reason, uint Table, uint Priority)
{
    /// <summary>True when the kernel refused the NIC's operation (exit 4), false when its data was bad (exit 3).</summary>
    public bool RefusedByKernel { get; init; }

    /// <summary>The slot it keeps (its table and priority are table_base and priority_base plus it).</summary>
    public int Slot { get; init; }
}
