namespace BootRoute.Reporting;

/// <summary>
/// <c>persistence</c> in the report: the stack chosen for each NIC and why, and the file changes
/// (<see cref="Written"/>: made by this run; otherwise what apply would make).
/// </summary>
public sealed record PersistenceReport(IReadOnlyList<StackChoice> Interfaces, IReadOnlyList<FileChangeReport> Files, bool Written);

/// <summary>One NIC's network stack: <c>netplan</c>, <c>networkd</c>, … or <c>none</c>.</summary>
public sealed record StackChoice(string Interface, string Backend, string Reason);

/// <summary>One file: <c>create</c>, <c>modify</c> or <c>delete</c>, and the unified diff of it.</summary>
public sealed record FileChangeReport(string Path, string Action, string Diff);
