using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.MarketData;
using Spectre.Console.Testing;

namespace AlphaResearch.Tests.MarketData;

/// <summary>Bring-your-own news: CSV/JSONL ticker-tagged items, timezone required, duplicates and bad rows by line, no look-ahead.</summary>
public sealed class NewsImportTests
{
    private static TempSnapshot Snapshot()
    {
        var t = new TempSnapshot();
        t.Write("snapshot.json", """{ "name": "test", "created_at": "2025-01-01T00:00:00Z", "window_start": "2024-01-02", "window_end": "2024-03-21", "sources": [] }""");
        return t;
    }

    [Fact]
    public void Csv_news_is_merged_into_the_snapshot_with_duplicates_late_items_and_unknown_tickers_reported_by_line()
    {
        using var t = Snapshot();
        t.Write("in/news.csv", """
            ticker,published_at,headline,source,url,summary
            GOOD,2024-03-01T14:30:00Z,"Good Co wins contract, shares up",Wire,https://news.test/1,Big deal
            GOOD,2024-03-01T09:30:00-05:00,"Good Co wins contract, shares up",Wire,https://news.test/1b,
            GOOD,2024-03-22T01:00:00+02:00,Late but still the 21st in UTC,Wire,https://news.test/2,
            GOOD,2024-03-22T12:00:00Z,After the cut-off,Wire,https://news.test/3,
            ZZZ,2024-03-02T12:00:00Z,Unknown ticker,Wire,https://news.test/4,
            """.Replace("            ", ""));
        var r = NewsImporter.Import(t.Root, t.Path("in/news.csv"));
        Assert.Equal((2, 2), (r.Added, r.Total));
        Assert.Equal([3], r.Duplicates.Select(d => d.Line));        // same ticker, instant and headline as line 2
        Assert.Equal([5], r.AfterCutOff.Select(d => d.Line));
        Assert.Equal([6], r.UnknownTickers.Select(d => d.Line));

        var snap = new SnapshotLoader().Load(t.Root);
        Assert.Equal(["Good Co wins contract, shares up", "Late but still the 21st in UTC"], snap.News.Select(n => n.Headline));
        Assert.Equal("Big deal", snap.News[0].Summary);
        Assert.Contains(snap.Manifest!.Sources, s => s.Path == "text/news.csv");
        // A run on 2024-03-20 does not see the item published on the 21st (UTC).
        Assert.Single(snap.AsOf(new DateOnly(2024, 3, 20)).News);

        // Importing the same file again adds nothing: every row is already there.
        var again = NewsImporter.Import(t.Root, t.Path("in/news.csv"));
        Assert.Equal(0, again.Added);
        Assert.Equal([2, 3, 4], again.Duplicates.Select(d => d.Line));
    }

    [Fact]
    public void Jsonl_news_with_bad_rows_fails_naming_every_bad_line_and_writes_nothing()
    {
        using var t = Snapshot();
        t.Write("in/news.jsonl", string.Join('\n',
            """{"ticker":"GOOD","published_at":"2024-03-01T14:30:00Z","headline":"ok","source":"Wire","url":"https://news.test/1"}""",
            """{"ticker":"GOOD","published_at":"2024-03-01 14:30","headline":"no timezone","source":"Wire","url":"https://news.test/2"}""",
            """{"ticker":"GOOD","published_at":"2024-03-01T14:30:00Z","source":"Wire","url":"https://news.test/3"}""",
            """not json""",
            """{"ticker":"GOOD","published_at":"2024-03-01T14:30:00Z","headline":"bad url","source":"Wire","url":"ftp://x"}"""));
        var e = Assert.Throws<NewsFileException>(() => NewsImporter.Import(t.Root, t.Path("in/news.jsonl")));
        Assert.Equal([2, 3, 4, 5], e.Rows.Select(r => r.Line));
        Assert.Contains("line 2: published_at '2024-03-01 14:30' is not ISO 8601 with a timezone", e.Message);
        Assert.Contains("line 3: missing headline", e.Message);
        Assert.Contains("news.jsonl", e.Message);
        Assert.False(File.Exists(t.Path("text/news.csv")));
    }

    [Fact]
    public async Task The_cli_exits_2_naming_the_file_and_line_of_a_bad_row()
    {
        using var t = Snapshot();
        t.Write("in/news.csv", "ticker,published_at,headline,source,url\nGOOD,yesterday,Headline,Wire,https://news.test/1\n");
        var stderr = new StringWriter();
        int code = await CliApp.RunAsync(["snapshot", "import", "--out", t.Root, "--news", t.Path("in/news.csv")], null,
            new CliOutput(new StringWriter(), stderr, new TestConsole().Width(200)));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("news.csv: 1 bad row(s): line 2: published_at 'yesterday'", stderr.ToString().Replace("\n", " ").Replace("  ", " "));
    }

    [Fact]
    public void A_csv_header_without_the_required_columns_is_a_format_error()
    {
        using var t = Snapshot();
        t.Write("in/news.csv", "ticker,when,headline,source,url\n");
        var e = Assert.Throws<SnapshotFormatException>(() => NewsImporter.Import(t.Root, t.Path("in/news.csv")));
        Assert.Contains("header lacks published_at", e.Message);
    }
}
