namespace BootRoute.Model;

/// <summary>
/// The slot (table table_base + slot, priority priority_base + slot) automatic mode gave a NIC, as
/// state.json keeps it: after a reboot the kernel holds none of BootRoute's tables, and without this
/// record a NIC hot-added before the reboot could take another NIC's slot in name order, away from the
/// ids the image's network stack was persisted with.
/// </summary>
public sealed record InterfaceSlot(string Interface, int Slot);
