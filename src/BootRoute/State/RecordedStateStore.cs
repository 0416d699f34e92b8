using BootRoute.Model;

namespace BootRoute.State;

/// <summary>
/// One run's view of state.json: read once however many parts ask (the slots planning keeps, the
/// defaults the lease sources remember, the record apply extends), and forgotten when the run writes
/// or deletes it. Safe because a run that changes the kernel holds the lock for its whole length, so
/// no other run writes the file meanwhile. A file that cannot be read is not remembered: each part
/// that asks hears so and handles it its own way.
/// </summary>
public sealed class RecordedStateStore(IStateStore file) : IStateStore
{
    private AppliedState? _loaded;

    public AppliedState Load() => _loaded ??= file.Load();

    public void Save(AppliedState state)
    {
        _loaded = null;
        file.Save(state);
    }

    public void Delete()
    {
        _loaded = null;
        file.Delete();
    }
}
