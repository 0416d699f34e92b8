namespace BootRoute.Persistence.Detection;

/// <summary>
/// One <c>iface NAME inet static</c> stanza of interfaces(5) as far as addressing goes: <c>address</c>
/// (with or without a /prefix), <c>netmask</c> and <c>gateway</c>, the first of each as ifup uses it.
/// </summary>
internal sealed record IfupdownStaticStanza(string Interface, string File, string? Address = null, string? Netmask = null, string? Gateway = null)
{
    /// <summary>The stanza with one more option line; null when the line is no addressing option (it ends nothing: other options follow).</summary>
    public IfupdownStaticStanza? With(string option, string value) => option switch
    {
        "address" => this with { Address = Address ?? value },
        "netmask" => this with { Netmask = Netmask ?? value },
        "gateway" => this with { Gateway = Gateway ?? value },
        "iface" or "auto" or "mapping" or "source" or "source-directory" or "rename" or "no-auto-down" or "no-scripts" => null,
        _ when option.StartsWith("allow-", StringComparison.Ordinal) => null,
        _ => this,
    };
}
