using BootRoute.Planning;

namespace BootRoute.Apply;

/// <summary>
/// A hook before each operation of an apply, for proving rollback and crash safety on a real kernel:
/// it may delay the operation or make it fail as a kernel refusal would. Production runs have none.
/// </summary>
public interface IFaultInjector
{
    /// <param name="number">1-based position of the operation in this apply.</param>
    void BeforeOperation(int number, Operation operation);

    /// <summary>
    /// The operation to carry out instead of <paramref name="operation"/>: a change the kernel accepts
    /// but that is wrong (the apply's undo then takes back what was really done). Null or the same
    /// operation: carry it as planned.
    /// </summary>
    Operation? Substitute(Operation operation) => operation;
}
