using System.Text;
using System.Text.Json.Nodes;
using AlphaResearch.Archive;
using AlphaResearch.Domain;
using AlphaResearch.Publishing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using static AlphaResearch.Tests.Publishing.PublishingFixtures;

namespace AlphaResearch.Tests.Publishing;

/// <summary>population/{date}.json + latest.json, book_full and CIO alerts in the brief, sector + sub-scores in the database.</summary>
public sealed class PopulationPublicationTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly InMemoryObjectStore _store = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 10, 8, 0, 0, TimeSpan.Zero));
    public void Dispose() => _dir.Dispose();

    private static readonly BookFullEvent Full = new()
    {
        Ticker = "NVDA", Sector = Sectors.InformationTechnology, CioRank = 2, Score = 58, WeakestTicker = "XOM", WeakestScore = 55,
        Why = "below_swap_margin", MaxSize = 5,
    };

    private static ResearchOutcome WithAlerts()
    {
        var o = Outcome();
        return o with
        {
            Rotation = o.Rotation with { BookFull = [Full] },
            Cio = o.Cio with { Alerts = [new CioAlert { Kind = CioAlert.FloorUnmet, Floor = 2, NewEntrants = 1, Message = "CIO floor unmet: 1 new entrant(s) of a minimum of 2" }] },
        };
    }

    private async Task PublishAsync(ResearchOutcome o)
    {
        var publisher = new Publisher(_store, _dir.File("research.db"), new PublishingConfig(), _time);
        await publisher.CommitAsync(o, publisher.Prepare(o), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Population_document_holds_the_book_events_and_book_full_and_latest_is_the_same_bytes()
    {
        await PublishAsync(WithAlerts());

        var dated = _store.Objects["population/2025-01-10.json"];
        Assert.Equal(dated, _store.Objects["population/latest.json"]);
        var doc = JsonNode.Parse(dated)!.AsObject();
        Assert.Equal(["date", "market_regime", "sector_ratings", "sector_modifiers", "population", "events", "book_full"], doc.Select(kv => kv.Key));
        Assert.Equal("2025-01-10", doc["date"]!.GetValue<string>());
        Assert.Equal(["AAPL", "MSFT", "JPM", "XOM", "CAT"], doc["population"]!.AsArray().Select(p => p!["ticker"]!.GetValue<string>()));
        Assert.Equal(["thesis_collapse", "IC_ADVANCE"], doc["events"]!.AsArray().Select(e => e!["reason"]!.GetValue<string>()));
        var full = doc["book_full"]!.AsArray().Single()!;
        Assert.Equal(("NVDA", "below_swap_margin", "XOM"), (full["ticker"]!.GetValue<string>(), full["why"]!.GetValue<string>(), full["weakest_ticker"]!.GetValue<string>()));
        Assert.EndsWith("\n", Encoding.UTF8.GetString(dated));
    }

    [Fact]
    public async Task Republishing_the_same_run_writes_identical_population_bytes()
    {
        await PublishAsync(WithAlerts());
        var first = _store.Objects["population/2025-01-10.json"];
        await PublishAsync(WithAlerts());
        Assert.Equal(first, _store.Objects["population/2025-01-10.json"]);
    }

    [Fact]
    public void The_brief_lists_cio_alerts_and_book_full_events_and_a_quiet_run_has_no_alerts_section()
    {
        string md = new BriefMarkdownBuilder(new BriefOptions()).Build(WithAlerts());
        // Inline text is Markdown-escaped: "(" → "\(", "_" → "\_".
        Assert.Contains("## Alerts\n\n- CIO floor unmet: 1 new entrant\\(s\\) of a minimum of 2\n- book\\_full: NVDA \\(score 58.0, CIO rank 2\\) advanced but the book is full \\(5\\)", md);
        Assert.DoesNotContain("## Alerts", new BriefMarkdownBuilder(new BriefOptions()).Build(Outcome()));
    }

    [Fact]
    public async Task Cio_decisions_store_their_sector_and_sub_scores_in_the_database()
    {
        var o = Outcome();
        var decisions = o.Cio.Decisions.Select(d => d with { Sector = d.Ticker == "AAPL" ? Sectors.InformationTechnology : Sectors.HealthCare, QuantScore = 81, QualScore = 77, CombinedScore = 79, FinalScore = 79.5 }).ToArray();
        await PublishAsync(o with { Cio = o.Cio with { Decisions = decisions } });

        await using var conn = new SqliteConnection($"Data Source={_dir.File("research.db")}");
        await conn.OpenAsync(TestContext.Current.CancellationToken);
        var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT ticker, sector, quant_score, qual_score, final_score FROM cio_evaluations ORDER BY ticker";
        var rows = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await r.ReadAsync(TestContext.Current.CancellationToken))
            rows.Add($"{r.GetString(0)}|{r.GetString(1)}|{r.GetDouble(2)}|{r.GetDouble(3)}|{r.GetDouble(4)}");
        Assert.Equal(["AAPL|Information Technology|81|77|79.5", "JNJ|Health Care|81|77|79.5"], rows);
    }

    [Fact]
    public async Task The_next_run_reads_the_published_macro_report_text_and_an_unpublished_one_is_invisible()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = new ResearchDatabase(_dir.File("research.db"));
        var o = Outcome();
        o = o with { Macro = o.Macro with { ReportMd = "## Week 1\nRates steady." } };
        await db.WriteRunAsync(o, new SignalsPayloadBuilder(new PublishingConfig()).Build(o), [], ct);
        Assert.Null((await db.LoadAsync(Week2, ct)).MacroReportMd);

        await db.MarkPublishedAsync(Week1, _time.GetUtcNow(), "abc", ct);
        Assert.Equal("## Week 1\nRates steady.", (await db.LoadAsync(Week2, ct)).MacroReportMd);
        Assert.Null((await db.LoadAsync(Week1, ct)).MacroReportMd); // strictly before the run date
    }
}
