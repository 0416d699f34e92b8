// Every lab test builds its own set of namespaces; running them one at a time keeps timings
// (DHCP, ping timeouts) predictable on small CI machines.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]

// The lab is network namespaces, dhclient and dpkg: Linux only (and so free to use Unix file modes).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
