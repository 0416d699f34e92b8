using BootRoute.Persistence;
using Xunit;

namespace BootRoute.Tests.Persistence;

public class MarkedBlockTests
{
    public static TheoryData<string?> Originals => new()
    {
        null,
        "",
        "interface ens3\nmetric 100\n",
        "no final newline",
        "DEVICE=ens4\n\n\n",
    };

    [Theory]
    [MemberData(nameof(Originals))]
    public void Stripping_an_inserted_block_gives_back_the_original_exactly(string? original)
    {
        string with = MarkedBlock.Insert(original, "DEFROUTE=no\n");

        Assert.Contains("DEFROUTE=no\n", with, StringComparison.Ordinal);
        Assert.True(MarkedBlock.Contains(with));
        Assert.Equal(original, MarkedBlock.Strip(with));
    }

    [Theory]
    [MemberData(nameof(Originals))]
    public void Reinserting_into_the_stripped_file_gives_the_same_bytes(string? original)
    {
        string once = MarkedBlock.Insert(original, "nogateway\n");

        Assert.Equal(once, MarkedBlock.Insert(MarkedBlock.Strip(once), "nogateway\n"));
    }

    [Fact]
    public void A_block_goes_at_the_end_of_its_keyfile_group_before_the_blank_line()
    {
        const string profile = "[connection]\nid=x\n\n[ipv4]\nmethod=auto\n\n[ipv6]\nmethod=auto\n";

        string with = MarkedBlock.Insert(profile, "never-default=true\n", "[ipv4]");

        Assert.StartsWith("[connection]\nid=x\n\n[ipv4]\nmethod=auto\n# BEGIN bootroute", with, StringComparison.Ordinal);
        Assert.EndsWith("never-default=true\n# END bootroute\n\n[ipv6]\nmethod=auto\n", with, StringComparison.Ordinal);
        Assert.Equal(profile, MarkedBlock.Strip(with));
    }

    [Fact]
    public void A_missing_group_is_added_inside_the_block()
    {
        const string profile = "[connection]\nid=x\n";

        string with = MarkedBlock.Insert(profile, "never-default=true\n", "[ipv4]");

        Assert.Contains("\n[ipv4]\nnever-default=true\n# END bootroute\n", with, StringComparison.Ordinal);
        Assert.Equal(profile, MarkedBlock.Strip(with));
    }

    [Fact]
    public void A_block_whose_end_was_cut_off_runs_to_the_end_of_the_file()
    {
        string cut = "keep\n" + MarkedBlock.Begin + ": written by bootroute apply\nnogateway\n";

        Assert.Equal("keep\n", MarkedBlock.Strip(cut));
    }

    [Fact]
    public void The_file_BootRoute_created_goes_when_its_block_goes_but_not_when_someone_added_to_it()
    {
        string created = MarkedBlock.Insert(null, "x\n");

        Assert.Null(MarkedBlock.Strip(created));
        Assert.Equal("theirs\n", MarkedBlock.Strip(created + "theirs\n"));
    }
}
