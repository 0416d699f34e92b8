using BootRoute.Model;
namespace BootRoute.Settings;

/// <summary>
/// <c>persist:</c> <see cref="Backend"/> is the network stack whose configuration BootRoute writes so
/// that the routing survives that stack reconfiguring itself (auto: detected per NIC); <see cref="Root"/>
/// is the directory those files are written under ("/" on a running host, an image tree when baking).
/// </summary>
public sealed record PersistSettings(PersistBackend Backend, string Root);
