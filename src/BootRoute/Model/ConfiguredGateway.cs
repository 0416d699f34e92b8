using System.Net;

namespace BootRoute.Model;

/// <summary>
/// The IPv4 gateway an image's network stack configures for a NIC it addresses statically, with the
/// file that says so. A static secondary is often configured with its gateway but no default route in
/// the kernel (ifcfg <c>DEFROUTE=no</c>, NetworkManager <c>never-default</c>, a second ifupdown
/// <c>gateway</c> the kernel refused as a duplicate default): the file is then the only place its
/// router is named.
/// </summary>
public sealed record ConfiguredGateway(IPAddress Gateway, string File);
