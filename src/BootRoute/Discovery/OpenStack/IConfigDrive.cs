namespace BootRoute.Discovery.OpenStack;

/// <summary>
/// The OpenStack config drive, behind a seam so that the lease source can be tested without a
/// config drive and without ever mounting anything on the test host.
/// </summary>
internal interface IConfigDrive
{
    /// <summary>The drive's device path, for messages and for lease sources.</summary>
    string Device { get; }

    /// <summary>Whether an instance has a config drive attached (its label is present).</summary>
    bool IsPresent();

    /// <summary>
    /// Mounts the drive read-only, reads <paramref name="relativePath"/> from it and unmounts it again,
    /// whatever happened. Null, with the reason in <paramref name="diagnostics"/>, when any step fails
    /// or the file is not on the drive.
    /// </summary>
    string? ReadFile(string relativePath, List<string> diagnostics);
}
