using AlphaResearch.Cli.Commands;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Publishing;
using Spectre.Console.Testing;
using static AlphaResearch.Tests.Publishing.PublishingFixtures;

namespace AlphaResearch.Tests.Publishing;

public sealed class ShowCommandTests : IDisposable
{
    private readonly TempDir _dir = new();
    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Render_ShowsHeadingsBulletsAndTablesWithoutMarkdownEscapes()
    {
        var console = new TestConsole { EmitAnsiSequences = false }.Width(200);
        BriefTerminalRenderer.Render(console, new BriefMarkdownBuilder(new BriefOptions()).Build(Outcome()));
        string output = console.Output;
        Assert.Contains("Alpha Research Brief — 2025-01-10", output);
        Assert.Contains("Universe ratings", output);
        Assert.Contains("  • AAPL (Technology, conviction 82): Services margin expansion", output);
        Assert.Contains("  • PG exited the population: thesis_collapse", output);
        Assert.Matches(@"│ AAPL\s+│ NEW\s+│ BUY\s+│ 78\.0\s+│ Best risk/reward\s+│", output);
        Assert.Matches(@"│ Energy\s+│ ▼ underweight\s+│ 0\.80\s+│ Oversupply\s+│", output);
        Assert.DoesNotContain("**", output);
        Assert.DoesNotContain("\\_", output);
    }

    [Fact]
    public void ResolveBrief_ExistingBrief_ReturnsBothPaths()
    {
        string folder = Path.Combine(_dir.Path, "briefs", "2025-01-10");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "brief.md"), "# b");
        var (md, html) = ShowCommand.ResolveBrief(_dir.Path, "2025-01-10");
        Assert.Equal(Path.Combine(folder, "brief.md"), md);
        Assert.Equal(Path.Combine(folder, "brief.html"), html);
    }

    [Fact]
    public void ResolveBrief_MissingBrief_IsUserFacingErrorNamingStore()
    {
        var ex = Assert.Throws<UserFacingException>(() => ShowCommand.ResolveBrief(_dir.Path, "2025-01-10"));
        Assert.Equal($"no brief for 2025-01-10 in store '{_dir.Path}' (looked for {Path.Combine(_dir.Path, "briefs", "2025-01-10", "brief.md")})", ex.Message);
    }

    [Fact]
    public void ResolveBrief_BadDate_IsUserFacingError()
    {
        var ex = Assert.Throws<UserFacingException>(() => ShowCommand.ResolveBrief(_dir.Path, "10/01/2025"));
        Assert.Equal("--date '10/01/2025' is not a date in the form YYYY-MM-DD", ex.Message);
    }

    [Fact]
    public void LatestBriefDate_picks_the_newest_published_brief()
    {
        foreach (var d in new[] { "2025-01-03", "2025-01-10" })
        {
            Directory.CreateDirectory(Path.Combine(_dir.Path, "briefs", d));
            File.WriteAllText(Path.Combine(_dir.Path, "briefs", d, "brief.md"), "# b");
        }
        Directory.CreateDirectory(Path.Combine(_dir.Path, "briefs", "2025-01-17")); // started, never written
        Assert.Equal("2025-01-10", ShowCommand.LatestBriefDate(_dir.Path));
    }

    [Fact]
    public void LatestBriefDate_in_an_empty_store_points_at_run()
    {
        var ex = Assert.Throws<UserFacingException>(() => ShowCommand.LatestBriefDate(_dir.Path));
        Assert.Equal($"no brief in store '{Path.GetFullPath(_dir.Path)}'", ex.Message);
        Assert.Contains("show --dry-run", ex.Hint);
    }
}
