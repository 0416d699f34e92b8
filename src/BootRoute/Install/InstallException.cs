namespace BootRoute.Install;

/// <summary>A bad --root or --prefix, found before anything is written (exit 2).</summary>
public sealed class InstallException(string message) : Exception(message);
