using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace BootRoute.Settings;

/// <summary>
/// Passes YamlDotNet's parsing events on to the representation model while counting what they would
/// build, and stops with an <see cref="InvalidYamlException"/> at the first event beyond
/// <see cref="BoundedYaml.MaxDepth"/> or <see cref="BoundedYaml.MaxNodes"/>. An alias counts as the
/// nodes and depth of the node it names: the model shares that node, but hashing a mapping key or
/// comparing nodes walks it once per alias, which is where a "billion laughs" costs its time. Checking
/// events as they come stops deep nesting long before the model's recursive loader could overflow.
/// </summary>
internal sealed class BoundedYamlParser(IParser inner) : IParser
{
    /// <summary>What a finished anchored node stands for; an open one is still being read.</summary>
    private readonly record struct Anchored(long Nodes, int Height, bool Open);

    /// <summary>An open mapping or list: its anchor, the node count when it began, its tallest child.</summary>
    private sealed class Frame(string? anchor, long nodesBefore)
    {
        public string? Anchor { get; } = anchor;
        public long NodesBefore { get; } = nodesBefore;
        public int TallestChild { get; set; }
    }

    private readonly Stack<Frame> _open = new();
    private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
    private long _nodes;

    public ParsingEvent? Current => inner.Current;

    /// <summary>The line of the last event read, for errors YamlDotNet reports without one.</summary>
    public long? Line { get; private set; }

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }
        if (inner.Current is { } current)
        {
            Line = current.Start.Line;
            Count(current);
        }
        return true;
    }

    private void Count(ParsingEvent current)
    {
        switch (current)
        {
            case MappingStart or SequenceStart:
                var start = (NodeEvent)current;
                AddNodes(1, 1);
                string? anchor = start.Anchor.IsEmpty ? null : start.Anchor.Value;
                if (anchor is not null)
                {
                    _anchors[anchor] = _anchors.TryGetValue(anchor, out var earlier) ? earlier with { Open = true } : new Anchored(0, 0, true);
                }
                _open.Push(new Frame(anchor, _nodes - 1));
                if (_open.Count > BoundedYaml.MaxDepth)
                {
                    throw TooDeep();
                }
                break;
            case MappingEnd or SequenceEnd when _open.Count > 0:
                var frame = _open.Pop();
                int height = frame.TallestChild + 1;
                ChildOfOpen(height);
                if (frame.Anchor is not null)
                {
                    Remember(frame.Anchor, _nodes - frame.NodesBefore, height);
                }
                break;
            case Scalar scalar:
                AddNodes(1, 1);
                ChildOfOpen(1);
                if (!scalar.Anchor.IsEmpty)
                {
                    Remember(scalar.Anchor.Value, 1, 1);
                }
                break;
            case AnchorAlias alias:
                // An unknown anchor is left to YamlDotNet, which reports it as invalid YAML.
                var named = _anchors.GetValueOrDefault(alias.Value.Value, new Anchored(1, 1, false));
                if (named.Open)
                {
                    throw new InvalidYamlException(Line, $"the alias *{alias.Value.Value} is inside the node it names; YAML here cannot be recursive");
                }
                AddNodes(named.Nodes, named.Height);
                ChildOfOpen(named.Height);
                break;
        }
    }

    /// <summary>
    /// A name anchored again keeps the larger figures of its two nodes: an over-count can only reject
    /// a document, never let a costly one through.
    /// </summary>
    private void Remember(string anchor, long nodes, int height) =>
        _anchors[anchor] = _anchors.TryGetValue(anchor, out var earlier)
            ? new Anchored(Math.Max(nodes, earlier.Nodes), Math.Max(height, earlier.Height), false)
            : new Anchored(nodes, height, false);

    private void AddNodes(long nodes, int height)
    {
        _nodes += nodes;
        if (_nodes > BoundedYaml.MaxNodes)
        {
            throw new InvalidYamlException(Line, $"more than {BoundedYaml.MaxNodes} nodes once aliases are expanded, the bound on a YAML document's size after alias expansion");
        }
        if (_open.Count + height > BoundedYaml.MaxDepth + 1)
        {
            throw TooDeep();
        }
    }

    private void ChildOfOpen(int height)
    {
        if (_open.TryPeek(out var parent) && height > parent.TallestChild)
        {
            parent.TallestChild = height;
        }
    }

    private InvalidYamlException TooDeep() =>
        new(Line, $"nested more than {BoundedYaml.MaxDepth} levels deep (aliases counted as what they name), the bound on a YAML document's nesting");
}
