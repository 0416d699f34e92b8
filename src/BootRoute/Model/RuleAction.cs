namespace BootRoute.Model;

/// <summary>FR_ACT_* from linux/fib_rules.h (carried in the rtmsg type field of RTM_NEWRULE).</summary>
public enum RuleAction : byte
{
    Unspecified = 0,
    ToTable = 1,
    Goto = 2,
    Nop = 3,
    Blackhole = 6,
    Unreachable = 7,
    Prohibit = 8,
}
