using System.ComponentModel;
using System.Globalization;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Domain;
using AlphaResearch.MarketData;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AlphaResearch.Cli.Commands;

public sealed class SnapshotImportSettings : GlobalSettings
{
    [CommandOption("--from <DIR>")]
    [Description("Raw data root shaped like the shared data folder (prices/, constituents/, macro/, text/, manifest.csv).")]
    public string? From { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Snapshot folder to write (replaced if it holds a snapshot).")]
    public string? Out { get; init; }

    [CommandOption("--price-set <SET>")]
    [Description("sp500_mit (default, MIT licence), sp500, sp400 or sp500+sp400.")]
    [DefaultValue("sp500_mit")]
    public string PriceSet { get; init; } = "sp500_mit";

    [CommandOption("--start <DATE>")]
    [Description("First date kept, YYYY-MM-DD (default: earliest bar).")]
    public string? Start { get; init; }

    [CommandOption("--end <DATE>")]
    [Description("Last date kept, YYYY-MM-DD (default: latest bar).")]
    public string? End { get; init; }

    [CommandOption("--fundamentals-as-of <DATE>")]
    [Description("Date the fundamentals file was observed (default: today); runs before it do not see fundamentals.")]
    public string? FundamentalsAsOf { get; init; }

    [CommandOption("--news <FILE>")]
    [Description("Ticker-tagged news (CSV or JSONL: ticker, published_at with timezone, headline, source, url, optional summary) added to the snapshot's text/news.csv. Without --from, --out is an existing snapshot.")]
    public string? News { get; init; }

    [CommandOption("--name <NAME>")]
    [Description("Snapshot name recorded in snapshot.json.")]
    public string? Name { get; init; }
}

/// <summary>`alpha-research snapshot import` — builds a snapshot folder from raw data (docs/SNAPSHOT.md).</summary>
public sealed class SnapshotImportCommand(CliOutput io) : Command<SnapshotImportSettings>
{
    private readonly CliOutput _io = io;

    public override int Execute(CommandContext context, SnapshotImportSettings s, CancellationToken cancellationToken)
    {
        if (s.Out is null) throw new UserFacingException("--out is required", "alpha-research snapshot import --from <raw root> --out <dir> [--news <file>]");
        if (s.From is null)
        {
            if (s.News is null) throw new UserFacingException("--from is required (or --news to add news to the snapshot in --out)", "alpha-research snapshot import --from <raw root> --out <dir>");
            return ImportNews(s.Out, s.News, s.Json);
        }
        PriceSet set;
        try { set = SnapshotImportOptions.ParsePriceSet(s.PriceSet); }
        catch (ArgumentException e) { throw new UserFacingException(e.Message.Split(" (Parameter")[0], "--price-set sp500_mit|sp500|sp400|sp500+sp400"); }
        var options = new SnapshotImportOptions
        {
            From = s.From, Out = s.Out, PriceSet = set, Name = s.Name,
            Start = CliParsing.OptionalDate(s.Start, "--start"), End = CliParsing.OptionalDate(s.End, "--end"),
            FundamentalsAsOf = CliParsing.OptionalDate(s.FundamentalsAsOf, "--fundamentals-as-of"),
        };
        var importer = new SnapshotImporter(TimeProvider.System);
        ImportResult result;
        try
        {
            if (s.Json) result = importer.Import(options);
            else
            {
                result = null!;
                _io.Console.Progress().AutoClear(true).Start(ctx => result = importer.Import(options, new TaskProgress(ctx)));
            }
        }
        catch (SnapshotFormatException e) { throw new UserFacingException(e.Message, "fix the raw file, or import a different --price-set"); }
        catch (ArgumentException e) { throw new UserFacingException(e.Message, "check --out, --start and --end"); }
        catch (DirectoryNotFoundException e) { throw new UserFacingException(e.Message, "--from must be a folder shaped like the shared data (prices/, constituents/, macro/)"); }
        catch (FileNotFoundException e) { throw new UserFacingException(e.Message, "--from must hold constituents/sp500_constituents.csv and prices/etf/SPY.csv"); }

        if (s.Json)
        {
            _io.Out.WriteLine(JsonConventions.Serialize(result, indented: true));
            return ExitCodes.Ok;
        }
        _io.Console.MarkupLineInterpolated($"[green]Wrote[/] {result.Out}: {result.Constituents} constituents, {result.Benchmarks} benchmarks, {result.MacroSeries} macro series, {result.Headlines} headlines, {result.FilingFiles} filing indexes, {result.Start:yyyy-MM-dd}..{result.End:yyyy-MM-dd}");
        foreach (var note in result.Notes) _io.Console.MarkupLineInterpolated($"[grey]note:[/] {(note.Length > 300 ? note[..300] + " ..." : note)}");
        _io.Console.MarkupLine("Validate it with [bold]alpha-research snapshot check --snapshot[/] " + Markup.Escape(result.Out));
        return s.News is null ? ExitCodes.Ok : ImportNews(s.Out, s.News, json: false);
    }

    /// <summary>Adds a news file to the snapshot in <paramref name="snapshot"/>; a bad row is exit 2 naming the file and every bad line.</summary>
    private int ImportNews(string snapshot, string news, bool json)
    {
        NewsImportResult r;
        try { r = NewsImporter.Import(snapshot, news); }
        catch (NewsFileException e) { throw new UserFacingException(e.Message, "fix those lines (columns: ticker,published_at,headline,source,url[,summary]; published_at ISO 8601 with a timezone) and import again; nothing was written"); }
        catch (SnapshotFormatException e) { throw new UserFacingException(e.Message, "--out must be a snapshot folder (snapshot.json, constituents.csv)"); }
        catch (FileNotFoundException e) { throw new UserFacingException(e.Message, "--news takes a .csv or .jsonl file"); }
        if (json)
        {
            _io.Out.WriteLine(JsonConventions.Serialize(r, indented: true));
            return ExitCodes.Ok;
        }
        _io.Console.MarkupLineInterpolated($"[green]News:[/] {r.Added} item(s) added to {r.Snapshot} ({r.Total} in text/news.csv, published on or before {r.CutOff:yyyy-MM-dd})");
        void Report(string what, IReadOnlyList<NewsRowProblem> rows)
        {
            if (rows.Count == 0) return;
            _io.Console.MarkupLineInterpolated($"[yellow]skipped[/] {rows.Count} {what}: {string.Join("; ", rows.Take(20).Select(x => $"line {x.Line} ({x.Problem})"))}{(rows.Count > 20 ? " ..." : "")}");
        }
        Report("duplicate(s)", r.Duplicates);
        Report("item(s) after the cut-off (no look-ahead)", r.AfterCutOff);
        Report("item(s) for tickers outside the snapshot", r.UnknownTickers);
        return ExitCodes.Ok;
    }

    /// <summary>One progress bar per import stage; reports arrive from worker threads, so updates are serialised.</summary>
    private sealed class TaskProgress(ProgressContext ctx) : IProgress<ImportProgress>
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, ProgressTask> _tasks = [];

        public void Report(ImportProgress p)
        {
            lock (_gate)
            {
                if (!_tasks.TryGetValue(p.Stage, out var t)) _tasks[p.Stage] = t = ctx.AddTask(Markup.Escape(p.Stage), maxValue: Math.Max(1, p.Total));
                t.Value = Math.Max(t.Value, p.Done);
            }
        }
    }
}
