using BootRoute.Model;

namespace BootRoute.State;

/// <summary>Where <see cref="AppliedState"/> is kept between runs (state.directory/state.json).</summary>
public interface IStateStore
{
    /// <summary>The recorded state; <see cref="AppliedState.Empty"/> when there is none.</summary>
    /// <exception cref="StateException">The file exists but cannot be read or parsed.</exception>
    AppliedState Load();

    /// <summary>Replaces the recorded state atomically (a reader sees the old or the new file, never half).</summary>
    void Save(AppliedState state);

    void Delete();
}

/// <summary>The state file is unreadable or corrupt; the message names the file.</summary>
public sealed class StateException : Exception
{
    public StateException(string message) : base(message) { }
    public StateException(string message, Exception inner) : base(message, inner) { }
    public StateException() { }
}
