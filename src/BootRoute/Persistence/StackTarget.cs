using BootRoute.Model;
namespace BootRoute.Persistence;

/// <summary>
/// The stack that keeps one managed NIC's configuration, why BootRoute thinks so (the report prints
/// <see cref="Reason"/>), and what its renderer needs to know about the image's own files.
/// </summary>
public abstract record StackTarget(string Interface, string Reason)
{
    public abstract PersistBackend Backend { get; }
}

/// <summary>Nothing to write for this NIC (<c>persist.backend: none</c>, or no stack found).</summary>
public sealed record NoStackTarget(string Interface, string Reason) : StackTarget(Interface, Reason)
{
    public override PersistBackend Backend => PersistBackend.None;
}

/// <summary>
/// A netplan definition: BootRoute's file must use the same id under the same device type.
/// <see cref="Networkd"/>: netplan renders it for systemd-networkd and the image has networkd's /etc
/// directory, so a drop-in for the generated .network file is read.
/// </summary>
public sealed record NetplanTarget(string Interface, string Reason, string Id, string DeviceType, bool Dhcp6, bool Networkd = false)
    : StackTarget(Interface, Reason)
{
    public override PersistBackend Backend => PersistBackend.Netplan;
}

/// <summary>The .network file systemd-networkd configures the NIC from; BootRoute adds a drop-in to it.</summary>
public sealed record NetworkdTarget(string Interface, string Reason, string NetworkFile) : StackTarget(Interface, Reason)
{
    public override PersistBackend Backend => PersistBackend.Networkd;
}

/// <summary>How a NetworkManager profile is stored.</summary>
public enum ProfileFormat
{
    /// <summary>An .nmconnection keyfile.</summary>
    Keyfile,

    /// <summary>An ifcfg file read through the ifcfg-rh plugin (RHEL ≤ 9).</summary>
    Ifcfg,
}

/// <summary>
/// NetworkManager's profile for the NIC, or none on disk (then BootRoute writes its own keyfile, which
/// wins over NetworkManager's in-memory default profile).
/// </summary>
public sealed record NetworkManagerTarget(string Interface, string Reason, string? ProfilePath, ProfileFormat Format)
    : StackTarget(Interface, Reason)
{
    public override PersistBackend Backend => PersistBackend.NetworkManager;
}

/// <summary>
/// ifupdown and the DHCP client it (or the image) runs: <see cref="StanzaFile"/> is where BootRoute's
/// iface stanza goes (null when the NIC has no ifupdown stanza or interfaces(5) does not read
/// interfaces.d); <see cref="Dhclient"/> and <see cref="Dhcpcd"/> say which client's DEFROUTE piece to
/// write.
/// </summary>
public sealed record IfupdownTarget(string Interface, string Reason, string? StanzaFile, bool Dhclient, bool Dhcpcd)
    : StackTarget(Interface, Reason)
{
    public override PersistBackend Backend => PersistBackend.Ifupdown;
}

/// <summary>RHEL initscripts: <c>ifcfg-&lt;if&gt;</c> exists; route- and rule- files sit beside it.</summary>
public sealed record IfcfgTarget(string Interface, string Reason, string IfcfgPath) : StackTarget(Interface, Reason)
{
    public override PersistBackend Backend => PersistBackend.Ifcfg;
}
