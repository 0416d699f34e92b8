using System.Diagnostics;
using System.Text;
using CsCheck;
using Xunit;

namespace BootRoute.Tests.Properties;

/// <summary>
/// What the property tests share: hostile fragments, a mutator that breaks mostly-valid text at random
/// places (so the parsers' deep paths run, not only their first check), and the per-input time bound.
/// </summary>
internal static class Hostile
{
    /// <summary>
    /// Per input, generous: every parser here handles a real file in microseconds, so only a
    /// pathological (quadratic, exponential, hanging) path can come near it, even on a loaded CI box.
    /// </summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    /// <summary>Fragments that have broken parsers before: control characters, lone surrogates, huge numbers, nesting.</summary>
    public static readonly string[] Fragments =
    [
        "\0", "\x1b[2J", "\x07", "\r", "\n", "\r\n", "\t", "\u0085", "\u2028", "\x7f", "\x9b",
        "\ud800", "\udfff", "\ud83d\ude00", "é", "\ufeff", "\ufffd",
        "99999999999999999999999999", "-1", "4294967295", "4294967296", "1e308", "NaN", "0x10", "-0", "9223372036854775808",
        "{", "}", ";", "\"", "'", "\\", ",", ":", "=", "[", "]", "#", "/", ".", "..", "*a", "&a ", "!!str", "- ", "? ",
        "255.255.255.255", "0.0.0.0", "1.2.3", "1.2.3.4.5", "::1", "/33", "/-1", "/0",
        new string('{', 300), new string('[', 300), new string('a', 5000), string.Concat(Enumerable.Repeat("- ", 200)),
    ];

    public static readonly Gen<string> Fragment = Gen.OneOf(Fragments);

    /// <summary>Any characters at all, weighted to the troublesome ranges.</summary>
    public static readonly Gen<string> Noise = Gen.Frequency(
        (3, Gen.Char.Array[0, 64].Select(c => new string(c))),
        (2, Gen.Char['\0', '\x7f'].Array[0, 64].Select(c => new string(c))),
        (2, Gen.Char['\ud800', '\udfff'].Array[0, 8].Select(c => new string(c))),
        (3, Fragment.Array[1, 6].Select(string.Concat)));

    /// <summary>Mostly-valid text from <paramref name="valid"/> with 0–4 edits: insertions of hostile
    /// fragments, deletions, duplicated slices, truncation. A third of inputs stay unmutated.</summary>
    public static Gen<string> Mutated(Gen<string> valid) =>
        Gen.Select(valid, Edit.Array[0, 4], (text, edits) => edits.Aggregate(text, Apply));

    public static Gen<byte[]> MutatedBytes(Gen<byte[]> valid) =>
        Gen.Select(valid, Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Byte).Array[0, 6], (bytes, edits) =>
        {
            var list = bytes.ToList();
            foreach (var (kind, at, value) in edits)
            {
                int i = list.Count == 0 ? 0 : at % list.Count;
                switch (kind)
                {
                    case 0 when list.Count > 0: list[i] = value; break;
                    case 1: list.Insert(i, value); break;
                    case 2 when list.Count > 0: list.RemoveAt(i); break;
                    case 3: list.RemoveRange(i, list.Count - i); break;
                }
            }
            return list.ToArray();
        });

    private static readonly Gen<(int Kind, double At, double Length, string Text)> Edit =
        Gen.Select(Gen.Int[0, 4], Gen.Double[0, 1], Gen.Double[0, 1], Noise);

    private static string Apply(string text, (int Kind, double At, double Length, string Text) edit)
    {
        int at = (int)(edit.At * text.Length);
        int length = (int)(edit.Length * (text.Length - at) / 4);
        return edit.Kind switch
        {
            0 or 1 => text.Insert(at, edit.Text),
            2 => text.Remove(at, length),
            3 => text.Insert(at, text.Substring(at, length)),
            _ => text[..at],
        };
    }

    /// <summary>Runs one input and fails when it took longer than <see cref="Bound"/>.</summary>
    public static void InBoundedTime(Action run)
    {
        var clock = Stopwatch.StartNew();
        run();
        Assert.True(clock.Elapsed < Bound, $"one input took {clock.Elapsed.TotalMilliseconds:F0} ms (bound {Bound.TotalMilliseconds} ms)");
    }

    /// <summary>Characters <see cref="BootRoute.Model.PrintableText"/> must never let through.</summary>
    public static bool HasControlOrLoneSurrogate(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || (c < ' ' && c != '\t') || (c >= '\x7f' && c <= '\x9f'))
            {
                return true;
            }
        }
        return false;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
