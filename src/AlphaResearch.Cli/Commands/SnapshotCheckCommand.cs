using System.ComponentModel;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Domain;
using AlphaResearch.MarketData;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AlphaResearch.Cli.Commands;

public sealed class SnapshotCheckSettings : GlobalSettings
{
    [CommandOption("--snapshot <DIR>")]
    [Description("Snapshot folder (default: the embedded sample, samples/sp500-mit).")]
    public string? Snapshot { get; init; }

    [CommandOption("--date <DATE>")]
    [Description("Check the view a run for this date sees (rows on or before it), YYYY-MM-DD.")]
    public string? Date { get; init; }

    [CommandOption("--min-bars <N>")]
    [Description("Exclude symbols with fewer bars (default 60).")]
    [DefaultValue(60)]
    public int MinBars { get; init; } = 60;
}

/// <summary>
/// `alpha-research snapshot check` — loads and validates a snapshot, prints coverage per sector team and
/// GICS sector and the data-quality report. Exit 0 only when the snapshot is usable (every team has
/// usable tickers and every required macro series is present).
/// </summary>
public sealed class SnapshotCheckCommand(CliOutput io) : Command<SnapshotCheckSettings>
{
    private readonly CliOutput _io = io;

    public override int Execute(CommandContext context, SnapshotCheckSettings s, CancellationToken cancellationToken)
    {
        var snapshot = SnapshotOpener.Open(s.Snapshot, s.MinBars);
        var folder = snapshot.Source;

        var date = CliParsing.OptionalDate(s.Date, "--date");
        // The view a run would see (rows on or before the date, stale names excluded); default: the last session.
        var view = snapshot.AsOf(date is { } d ? new TradingCalendar().PreviousSessionOnOrBefore(d) : snapshot.AsOfDate);
        var coverage = SnapshotCoverage.Of(view);
        var missingMacro = MacroIds.Required.Where(id => !view.Macro.ContainsKey(id)).ToArray();
        var problems = coverage.ByTeam.Where(r => r.Usable == 0).Select(r => $"team {r.Group} has no usable tickers")
            .Concat(missingMacro.Select(id => $"macro series {id} missing or unusable"))
            .Concat(view.Benchmarks.ContainsKey(MarketSnapshot.Spy) ? [] : [$"no SPY bar on or before {view.AsOfDate:yyyy-MM-dd}"])
            .ToArray();
        bool usable = problems.Length == 0;

        if (s.Json)
        {
            _io.Out.WriteLine(JsonConventions.Serialize(new
            {
                snapshot = snapshot.Source,
                name = snapshot.Manifest?.Name,
                fingerprint = snapshot.Fingerprint,
                as_of = view.AsOfDate,
                usable,
                problems,
                coverage,
                benchmarks = view.Benchmarks.Keys.Order(StringComparer.Ordinal),
                macro = view.Macro.ToDictionary(m => m.Key, m => m.Value.Dates.Count > 0 ? m.Value.Dates[^1] : (DateOnly?)null),
                headlines = view.Headlines.Count,
                filings = view.Filings.Sum(f => f.Value.Count),
                fundamentals = view.Fundamentals.Count,
                fundamentals_in_snapshot = snapshot.Fundamentals.Count,
                fundamentals_visible_from = snapshot.Manifest?.FundamentalsAsOf,
                fundamentals_note = FundamentalsNote(snapshot, view),
                xbrl_tickers = view.CompanyFacts.Count(c => c.Value.Facts.Count > 0),
                xbrl_facts = view.CompanyFacts.Sum(c => c.Value.Facts.Count),
                insider_tickers = view.Insider.Count(i => i.Value.Count > 0),
                insider_transactions = view.Insider.Sum(i => i.Value.Count),
                news = view.News.Count,
                excluded = view.Quality.Excluded,
            }, indented: true));
            return usable ? ExitCodes.Ok : ExitCodes.Failed;
        }

        _io.Console.MarkupLineInterpolated($"[bold]{snapshot.Manifest?.Name ?? folder}[/]  as of {view.AsOfDate:yyyy-MM-dd}  fingerprint {snapshot.Fingerprint}");
        _io.Console.MarkupLineInterpolated($"{view.Benchmarks.Count} benchmarks ({string.Join(' ', view.Benchmarks.Keys.Order(StringComparer.Ordinal))}), {view.Macro.Count} macro series, {view.Fundamentals.Count} fundamentals, {view.Headlines.Count} headlines, {view.Filings.Sum(f => f.Value.Count)} filings");
        _io.Console.MarkupLineInterpolated($"EDGAR: XBRL facts for {view.CompanyFacts.Count(c => c.Value.Facts.Count > 0)} tickers ({view.CompanyFacts.Sum(c => c.Value.Facts.Count)} facts filed by {view.AsOfDate:yyyy-MM-dd}), insider transactions for {view.Insider.Count(i => i.Value.Count > 0)} tickers ({view.Insider.Sum(i => i.Value.Count)}), {view.News.Count} ticker-tagged news items");
        if (FundamentalsNote(snapshot, view) is { } note) _io.Console.MarkupLineInterpolated($"[grey]note:[/] {note}");
        _io.Console.Write(CoverageTable("Sector team", coverage.ByTeam, coverage.Total));
        _io.Console.Write(CoverageTable("GICS sector", coverage.BySector, coverage.Total));

        var quality = new Table().Title($"Data quality: {view.Quality.Excluded.Count} exclusions").AddColumns("Symbol", "File", "Reason");
        foreach (var i in view.Quality.Excluded) quality.AddRow(Markup.Escape(i.Symbol), Markup.Escape(i.File), Markup.Escape(i.Reason));
        if (view.Quality.Excluded.Count > 0) _io.Console.Write(quality);
        else _io.Console.MarkupLine("Data quality: no exclusions");

        foreach (var p in problems) _io.Console.MarkupLineInterpolated($"[red]not usable:[/] {p}");
        if (usable) _io.Console.MarkupLine("[green]usable[/]");
        return usable ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>
    /// Why a view shows fewer fundamentals than the snapshot holds: they are a point-in-time observation, hidden from
    /// runs dated before it (no look-ahead). Null when nothing is hidden.
    /// </summary>
    internal static string? FundamentalsNote(MarketSnapshot snapshot, MarketSnapshot view)
    {
        int hidden = snapshot.Fundamentals.Count - view.Fundamentals.Count;
        if (hidden <= 0) return null;
        return snapshot.Manifest?.FundamentalsAsOf is { } observed
            ? $"{view.Fundamentals.Count} fundamentals as of {view.AsOfDate:yyyy-MM-dd}: the snapshot holds {snapshot.Fundamentals.Count}, observed {observed:yyyy-MM-dd}, " +
              $"so the as-of rule hides them from runs before that date (no look-ahead); a run dated {observed:yyyy-MM-dd} or later sees them"
            : $"{view.Fundamentals.Count} fundamentals as of {view.AsOfDate:yyyy-MM-dd}: the snapshot holds {snapshot.Fundamentals.Count} but snapshot.json records no " +
              "fundamentals_as_of, so no run can tell when they were observed and none sees them; re-import with --fundamentals-as-of <date>";
    }

    private static Table CoverageTable(string title, IReadOnlyList<CoverageRow> rows, CoverageRow total)
    {
        var t = new Table().AddColumns(title, "Tickers", "Usable", "Excluded");
        foreach (var r in rows.Append(total)) t.AddRow(Markup.Escape(r.Group), r.Tickers.ToString(), r.Usable.ToString(), r.Excluded.ToString());
        return t;
    }
}
