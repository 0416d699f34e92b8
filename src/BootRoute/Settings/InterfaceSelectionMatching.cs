using BootRoute.Model;

namespace BootRoute.Settings;

/// <summary>Which of the kernel's links an <c>interfaces:</c> entry names.</summary>
public static class InterfaceSelectionMatching
{
    /// <summary>The link named <see cref="InterfaceSelection.Name"/>, or the one with <see cref="InterfaceSelection.Mac"/>.</summary>
    public static Link? FindLink(this InterfaceSelection selection, HostSnapshot snapshot) =>
        selection.Name is { } name
            ? snapshot.FindLink(name)
            : snapshot.Links.FirstOrDefault(link => link.MacAddress is not null && link.MacAddress.Equals(selection.Mac));
}
