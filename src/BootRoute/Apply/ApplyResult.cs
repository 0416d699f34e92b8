using BootRoute.Planning;

namespace BootRoute.Apply;

/// <summary>
/// What an apply did. On failure <see cref="Error"/> is the kernel's refusal of <see cref="FailedOperation"/>;
/// the operations done before it were undone, and <see cref="RollbackErrors"/> lists any undo that the
/// kernel refused too (then the state is not what it was, and the report says so).
/// </summary>
public sealed record ApplyResult(
    IReadOnlyList<Operation> Applied,
    Operation? FailedOperation,
    string? Error,
    IReadOnlyList<string> RollbackErrors)
{
    public bool Succeeded => FailedOperation is null;
}
