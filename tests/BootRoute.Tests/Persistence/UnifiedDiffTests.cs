using System.Diagnostics;
using BootRoute.Persistence;
using Xunit;

namespace BootRoute.Tests.Persistence;

/// <summary>
/// The diffs `bootroute plan` prints: exact text for the shapes BootRoute produces, and for a spread of
/// edits, proof by GNU patch (the real consumer of unified diffs) that applying the diff to the old
/// file gives the new one.
/// </summary>
public class UnifiedDiffTests
{
    [Fact]
    public void A_new_file_is_diffed_against_dev_null()
    {
        Assert.Equal("--- /dev/null\n+++ /etc/x\n@@ -0,0 +1,2 @@\n+a\n+b\n", UnifiedDiff.Format("/etc/x", null, "a\nb\n"));
    }

    [Fact]
    public void A_deleted_file_is_diffed_to_dev_null()
    {
        Assert.Equal("--- /etc/x\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n", UnifiedDiff.Format("/etc/x", "a\n", null));
    }

    [Fact]
    public void A_block_appended_keeps_three_lines_of_context()
    {
        string before = "1\n2\n3\n4\n5\n";
        string after = before + "# BEGIN bootroute\nx\n# END bootroute\n";

        Assert.Equal("--- /etc/x\n+++ /etc/x\n@@ -3,3 +3,6 @@\n 3\n 4\n 5\n+# BEGIN bootroute\n+x\n+# END bootroute\n",
            UnifiedDiff.Format("/etc/x", before, after));
    }

    [Fact]
    public void Equal_files_give_no_diff()
    {
        Assert.Equal("", UnifiedDiff.Format("/etc/x", "a\n", "a\n"));
    }

    [Fact]
    public void A_missing_final_newline_is_marked_as_diff_does()
    {
        Assert.Equal("--- /etc/x\n+++ /etc/x\n@@ -1 +1,2 @@\n-a\n\\ No newline at end of file\n+a\n+b\n",
            UnifiedDiff.Format("/etc/x", "a", "a\nb\n"));
    }

    public static TheoryData<string?, string?> Edits => new()
    {
        { null, "one\ntwo\n" },
        { "one\ntwo\n", null },
        { "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n", "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nL\nm\nn\n" },
        { "a\nb\nc\nd\ne\nf\ng\nh\n", "a\nx\nc\nd\ne\nf\ng\ny\n" },
        { "[ipv4]\nmethod=auto\n\n[ipv6]\nmethod=auto\n", "[ipv4]\nmethod=auto\n# BEGIN bootroute\nnever-default=true\n# END bootroute\n\n[ipv6]\nmethod=auto\n" },
        { "no newline", "no newline\nnow two\n" },
        { "x\ny\n", "x\ny" },
        { "same\nsame\nsame\n", "same\nother\nsame\nsame\n" },
        { "", "a\n" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void Patch_applies_the_diff_and_gives_the_new_file(string? before, string? after)
    {
        string directory = Directory.CreateTempSubdirectory("bootroute-diff-").FullName;
        try
        {
            string file = Path.Combine(directory, "file");
            if (before is not null)
            {
                File.WriteAllText(file, before);
            }
            string diff = UnifiedDiff.Format(file, before, after);
            File.WriteAllText(Path.Combine(directory, "change.diff"), diff);

            var start = new ProcessStartInfo("patch") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "--batch", "--remove-empty-files", "--posix", file, "change.diff" })
            {
                start.ArgumentList.Add(argument);
            }
            if (before is null)
            {
                File.WriteAllText(file, "");
            }
            using var patch = Process.Start(start)!;
            string output = patch.StandardOutput.ReadToEnd() + patch.StandardError.ReadToEnd();
            Assert.True(patch.WaitForExit(10_000), "patch did not finish");
            Assert.True(patch.ExitCode == 0, $"patch refused the diff (exit {patch.ExitCode}): {output}\n{diff}");
            Assert.Equal(after, File.Exists(file) ? File.ReadAllText(file) : null);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
