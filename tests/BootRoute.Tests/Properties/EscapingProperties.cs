using System.Diagnostics;
using System.Text;
using BootRoute.Model;
using CsCheck;
using Xunit;

namespace BootRoute.Tests.Properties;

/// <summary>The two escapes every outside value goes through before it is printed or pasted.</summary>
public sealed class EscapingProperties
{
    private static readonly Gen<string> Text = Gen.Frequency((3, Hostile.Noise), (1, Hostile.Fragment), (1, Gen.String));

    [Fact]
    public void Escaped_text_holds_no_control_character_or_lone_surrogate_and_plain_text_is_unchanged() =>
        Text.Sample(text =>
        {
            string escaped = PrintableText.Escape(text);
            Assert.False(Hostile.HasControlOrLoneSurrogate(escaped));
            Assert.Equal(!Hostile.HasControlOrLoneSurrogate(text), escaped == text);
        }, iter: 1_500);

    /// <summary>A quoted word, read back the way POSIX sh reads it, is the word (escaped where it had to be), and one line.</summary>
    [Fact]
    public void A_quoted_word_is_one_shell_word_that_means_the_word() =>
        Text.Sample(word =>
        {
            string quoted = ShellWord.Quote(word);
            Assert.False(Hostile.HasControlOrLoneSurrogate(quoted)); // so no \n, \r or NEL: one line
            Assert.Equal(PrintableText.Escape(word), Unquote(quoted));
        }, iter: 1_500);

    /// <summary>The same through the real /bin/sh, for a bounded sample (a process each).</summary>
    [Fact]
    public void A_quoted_word_means_the_word_to_the_real_shell() =>
        Text.Where(word => !word.Contains('\0', StringComparison.Ordinal)).Sample(word =>
        {
            using var shell = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "printf %s " + ShellWord.Quote(word)])
            {
                RedirectStandardOutput = true,
            })!;
            // The bytes, decoded by hand: a StreamReader would swallow a leading U+FEFF as a byte order mark.
            using var bytes = new MemoryStream();
            shell.StandardOutput.BaseStream.CopyTo(bytes);
            shell.WaitForExit();
            string output = Encoding.UTF8.GetString(bytes.ToArray());
            Assert.Equal(PrintableText.Escape(word), output);
        }, iter: 50, threads: 1);

    /// <summary>POSIX sh's reading of one word made of plain characters and '…' (no expansion inside), with \c outside quotes.</summary>
    internal static string Unquote(string word)
    {
        var value = new StringBuilder();
        for (int i = 0; i < word.Length; i++)
        {
            switch (word[i])
            {
                case '\'':
                    int end = word.IndexOf('\'', i + 1);
                    Assert.True(end > i, $"unterminated quote in {word}");
                    value.Append(word, i + 1, end - i - 1);
                    i = end;
                    break;
                case '\\':
                    value.Append(word[++i]);
                    break;
                case var c when " \t\n;&|<>()$`\"*?[#~".Contains(c, StringComparison.Ordinal):
                    Assert.Fail($"unquoted '{c}' in {word}: the shell would split, expand or run it");
                    break;
                default:
                    value.Append(word[i]);
                    break;
            }
        }
        return value.ToString();
    }
}
