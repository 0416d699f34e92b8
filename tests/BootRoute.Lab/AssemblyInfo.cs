// Every lab test builds its own set of namespaces; running them one at a time keeps timings
// (DHCP, ping timeouts) predictable on small CI machines.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
