// BootRoute speaks rtnetlink and is installed into Linux root file systems: Linux is the only
// platform it runs on, which also lets it use the Unix file-mode APIs without per-call guards.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
