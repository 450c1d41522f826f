using AlphaResearch.Archive;
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

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadBrief_ExistingBrief_ReturnsBothPathsAndTheText()
    {
        string folder = Path.Combine(_dir.Path, "briefs", "2025-01-10");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "brief.md"), "# b");
        var brief = await ShowCommand.ReadBriefAsync(new FileSystemObjectStore(_dir.Path), "2025-01-10", Ct);
        Assert.Equal(Path.Combine(folder, "brief.md"), brief.MarkdownLocation);
        Assert.Equal(Path.Combine(folder, "brief.html"), brief.HtmlLocation);
        Assert.Equal("# b", brief.Markdown);
    }

    [Fact]
    public async Task A_brief_in_an_object_store_is_read_like_run_wrote_it_and_located_by_its_address()
    {
        // The same code path serves S3 (S3ObjectStore); the s3rver-backed pipeline test covers the real protocol.
        var store = new InMemoryObjectStore();
        await store.PutAsync("dry_run/briefs/2025-01-03/brief.md", "# older"u8.ToArray(), Ct);
        await store.PutAsync("dry_run/briefs/2025-01-10/brief.md", "# newest"u8.ToArray(), Ct);
        var dry = DryRunObjectStore.Wrap(store);
        string date = await ShowCommand.LatestBriefDateAsync(dry, Ct);
        var brief = await ShowCommand.ReadBriefAsync(dry, date, Ct);
        Assert.Equal("2025-01-10", date);
        Assert.Equal("# newest", brief.Markdown);
        Assert.Equal($"{dry.Location}/briefs/2025-01-10/brief.md", brief.MarkdownLocation);
    }

    [Fact]
    public async Task ReadBrief_MissingBrief_IsUserFacingErrorNamingStore()
    {
        var ex = await Assert.ThrowsAsync<UserFacingException>(() => ShowCommand.ReadBriefAsync(new FileSystemObjectStore(_dir.Path), "2025-01-10", Ct));
        Assert.Equal($"no brief for 2025-01-10 in store '{_dir.Path}' (looked for {Path.Combine(_dir.Path, "briefs", "2025-01-10", "brief.md")})", ex.Message);
    }

    [Fact]
    public async Task ReadBrief_BadDate_IsUserFacingError()
    {
        var ex = await Assert.ThrowsAsync<UserFacingException>(() => ShowCommand.ReadBriefAsync(new FileSystemObjectStore(_dir.Path), "10/01/2025", Ct));
        Assert.Equal("--date '10/01/2025' is not a date in the form YYYY-MM-DD", ex.Message);
    }

    [Fact]
    public async Task LatestBriefDate_picks_the_newest_published_brief()
    {
        foreach (var d in new[] { "2025-01-03", "2025-01-10" })
        {
            Directory.CreateDirectory(Path.Combine(_dir.Path, "briefs", d));
            File.WriteAllText(Path.Combine(_dir.Path, "briefs", d, "brief.md"), "# b");
        }
        Directory.CreateDirectory(Path.Combine(_dir.Path, "briefs", "2025-01-17")); // started, never written
        File.WriteAllText(Path.Combine(_dir.Path, "briefs", "2025-01-17", "brief.html"), "<p>");
        Assert.Equal("2025-01-10", await ShowCommand.LatestBriefDateAsync(new FileSystemObjectStore(_dir.Path), Ct));
    }

    [Fact]
    public async Task LatestBriefDate_in_an_empty_store_points_at_run()
    {
        var ex = await Assert.ThrowsAsync<UserFacingException>(() => ShowCommand.LatestBriefDateAsync(new FileSystemObjectStore(_dir.Path), Ct));
        Assert.Equal($"no brief in store '{Path.GetFullPath(_dir.Path)}'", ex.Message);
        Assert.Contains("show --dry-run", ex.Hint);
    }
}
