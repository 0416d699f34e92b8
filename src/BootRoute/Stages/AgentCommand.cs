namespace BootRoute.Stages;

/// <summary>What the agent was asked to do.</summary>
public enum AgentCommand
{
    Apply,
    Plan,
    Verify,
    Status,
    Remove,
}
