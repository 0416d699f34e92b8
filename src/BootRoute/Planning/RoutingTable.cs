namespace BootRoute.Planning;

/// <summary>
/// One NIC's own routing table: its id, the name it gets in rt_tables.d (the NIC's name, as the seeds
/// do), and the routes it holds (connected route with src, default via the NIC's gateway, the lease's
/// classless static routes).
/// </summary>
public sealed record RoutingTable(uint Id, string Name, IReadOnlyList<Model.Route> Routes);
