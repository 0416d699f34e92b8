using BootRoute.Model;

namespace BootRoute.Planning;

/// <summary>
/// One change to the kernel's routing state, as plain data: the diff computes them without touching
/// the kernel, and the applier (Apply/) is what carries them out. Every operation knows its inverse,
/// so an apply that fails half-way can undo what it already did, and prints as the `ip` command a
/// person would type.
/// </summary>
public abstract record Operation
{
    public abstract OperationKind Kind { get; }

    /// <summary>The operation that undoes this one.</summary>
    public abstract Operation Inverse();

    /// <summary>The same change as an `ip` command that can be pasted into a shell.</summary>
    public abstract string ToIpCommand();

    public sealed override string ToString() => ToIpCommand();

    /// <summary>"-6 " for an IPv6 route: `ip route del default dev ens4` alone would name IPv4's.</summary>
    protected static string Family(Route route) => route.Destination.IsIPv6() ? "-6 " : "";
}

public enum OperationKind
{
    RouteAdd,
    RouteReplace,
    RouteDelete,
    RuleAdd,
    RuleDelete,
    SysctlSet,
}

/// <summary>Equivalent to: <c>ip route add $route</c>.</summary>
public sealed record RouteAdd(Route Route) : Operation
{
    public override OperationKind Kind => OperationKind.RouteAdd;
    public override Operation Inverse() => new RouteDelete(Route);
    public override string ToIpCommand() => $"ip {Family(Route)}route add {Route}";
}

/// <summary>Equivalent to: <c>ip route replace $route</c>; <see cref="Previous"/> is what it replaces.</summary>
public sealed record RouteReplace(Route Route, Route Previous) : Operation
{
    public override OperationKind Kind => OperationKind.RouteReplace;
    public override Operation Inverse() => new RouteReplace(Previous, Route);
    public override string ToIpCommand() => $"ip {Family(Route)}route replace {Route}";
}

/// <summary>Equivalent to: <c>ip route del $route</c>.</summary>
public sealed record RouteDelete(Route Route) : Operation
{
    public override OperationKind Kind => OperationKind.RouteDelete;
    public override Operation Inverse() => new RouteAdd(Route);
    public override string ToIpCommand() => $"ip {Family(Route)}route del {Route}";
}

/// <summary>Equivalent to: <c>ip rule add $rule</c>.</summary>
public sealed record RuleAdd(PolicyRule Rule) : Operation
{
    public override OperationKind Kind => OperationKind.RuleAdd;
    public override Operation Inverse() => new RuleDelete(Rule);
    public override string ToIpCommand() => $"ip {(Rule.IsIPv6 ? "-6 " : "")}rule add priority {Rule.Priority} {Rule.Selector()}";
}

/// <summary>Equivalent to: <c>ip rule del $rule</c>.</summary>
public sealed record RuleDelete(PolicyRule Rule) : Operation
{
    public override OperationKind Kind => OperationKind.RuleDelete;
    public override Operation Inverse() => new RuleAdd(Rule);
    public override string ToIpCommand() => $"ip {(Rule.IsIPv6 ? "-6 " : "")}rule del priority {Rule.Priority} {Rule.Selector()}";
}

/// <summary>Equivalent to: <c>sysctl -w $key=$value</c>; <see cref="Previous"/> is the value it replaces.</summary>
public sealed record SysctlSet(string Key, string Value, string Previous) : Operation
{
    public override OperationKind Kind => OperationKind.SysctlSet;
    public override Operation Inverse() => new SysctlSet(Key, Previous, Value);
    public override string ToIpCommand() => $"sysctl -w {ShellWord.Quote($"{SysctlKeys.Dotted(Key)}={Value}")}";
}
