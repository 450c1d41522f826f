using System.ComponentModel;
using System.Globalization;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Config;
using AlphaResearch.Domain;
using AlphaResearch.MarketData;
using AlphaResearch.Scoring;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AlphaResearch.Cli.Commands;

public sealed class ScoresSettings : GlobalSettings
{
    [CommandOption("--snapshot <DIR>")]
    [Description("Snapshot folder (default: the embedded sample).")]
    public string? Snapshot { get; init; }

    [CommandOption("--date <DATE>")]
    [Description("Score as of this date (the most recent session on or before it); default: the snapshot's last session.")]
    public string? Date { get; init; }

    [CommandOption("--sector <SECTOR>")]
    [Description("Only this GICS sector (e.g. \"Information Technology\", \"Health Care\", Energy).")]
    public string? Sector { get; init; }

    [CommandOption("--ticker <T[,T...]>")]
    [Description("Only these tickers (comma-separated), with their rank in the whole universe; an unknown ticker is an error.")]
    public string? Ticker { get; init; }

    [CommandOption("--top <N>")]
    [Description("Show the N best (default 25).")]
    [DefaultValue(25)]
    public int Top { get; init; } = 25;

    [CommandOption("--regime <REGIME>")]
    [Description("Regime for the regime-aware RSI score: bull, neutral (default) or bear.")]
    [DefaultValue("neutral")]
    public string Regime { get; init; } = "neutral";
}

/// <summary>`alpha-research scores` — deterministic technical scores for the universe on a date, best first.</summary>
public sealed class ScoresCommand(CliOutput io) : Command<ScoresSettings>
{
    private readonly CliOutput _io = io;

    public override int Execute(CommandContext context, ScoresSettings s, CancellationToken cancellationToken)
    {
        var config = s.LoadConfig();
        var regime = s.Regime.Trim().ToLowerInvariant() switch
        {
            "bull" => MarketRegime.Bull,
            "neutral" => MarketRegime.Neutral,
            "bear" => MarketRegime.Bear,
            _ => throw new UserFacingException($"--regime '{s.Regime}' is not a regime", "use bull, neutral or bear"),
        };
        if (s.Sector is not null && !Sectors.TryNormalize(s.Sector, out _))
        {
            throw new UserFacingException($"unknown sector '{s.Sector}'", $"use one of: {string.Join(", ", Sectors.All)}");
        }
        if (s.Top <= 0) throw new UserFacingException($"--top must be positive (got {s.Top})", "e.g. --top 25");

        var snapshot = SnapshotOpener.Open(s.Snapshot);
        var date = SnapshotOpener.ResolveRunDate(snapshot, CliParsing.OptionalDate(s.Date, "--date"));
        var view = snapshot.AsOf(date);
        var board = ScoreBoardBuilder.Build(view, regime, config.Scoring);
        var rows = s.Ticker is null ? board.RankByTechnicalScore(s.Sector, s.Top) : LookUp(snapshot, view.Quality, board, s.Ticker, s.Sector);

        if (s.Json)
        {
            _io.Out.WriteLine(JsonConventions.Serialize(new
            {
                date,
                regime,
                breadth = board.Breadth,
                scored = board.Tickers.Count,
                rows = rows.Select(r => new
                {
                    r.Rank, r.Ticker, r.Sector,
                    team = Sectors.IsCanonical(r.Sector) ? Sectors.TeamOf(r.Sector).Id() : null,
                    technical_score = r.Scores.Score.Composite,
                    sub_scores = r.Scores.Score,
                    indicators = r.Scores.Indicators,
                }),
            }, indented: true));
            return ExitCodes.Ok;
        }

        var b = board.Breadth;
        _io.Console.MarkupLineInterpolated($"[bold]Technical scores[/] {date:yyyy-MM-dd} ({regime.ToString().ToLowerInvariant()} regime) — {board.Tickers.Count} tickers scored");
        _io.Console.MarkupLineInterpolated($"Breadth: {b.PctAboveMa50:0.0}% above MA50, {b.PctAboveMa200:0.0}% above MA200, A/D {b.AdvanceDeclineRatio:0.00} ({b.Advancers}/{b.Decliners})");
        // Narrow headers, short sector names, no-wrap cells and one space between columns keep each row on one line at 80 columns.
        var table = new Table().Border(TableBorder.Simple).AddColumn(Right("#")).AddColumn(new TableColumn("Ticker").NoWrap()).AddColumn(new TableColumn("Sector").NoWrap())
            .AddColumn(Right("Score")).AddColumn(Right("RSI")).AddColumn(new TableColumn("MACD").NoWrap())
            .AddColumn(Right("MA50%")).AddColumn(Right("MA200%")).AddColumn(Right("Mom20%")).AddColumn(Right("ATR%"));
        foreach (var column in table.Columns) column.Padding = new Padding(1, 0, 0, 0);
        foreach (var r in rows)
        {
            var i = r.Scores.Indicators;
            table.AddRow(r.Rank.ToString(CultureInfo.InvariantCulture), Markup.Escape(r.Ticker), Markup.Escape(ShortSector(r.Sector)), $"{r.Scores.Score.Composite:0.0}", $"{i.Rsi14:0.0}",
                i.MacdCross switch { 1 => "[green]▲x[/]", -1 => "[red]▼x[/]", _ => i.MacdAboveZero ? "+" : "−" },
                Fmt(i.PriceVsMa50), Fmt(i.PriceVsMa200), Fmt(i.Momentum20d), Fmt(i.AtrPct14));
        }
        _io.Console.Write(table);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// --ticker: the named tickers with their rank among all scored names (or within --sector), in the order given.
    /// An unknown ticker, or one the snapshot excludes on that date, is bad input naming it.
    /// </summary>
    internal static IReadOnlyList<RankedScore> LookUp(MarketSnapshot snapshot, DataQualityReport quality, ScoreBoard board, string tickers, string? sector)
    {
        var ranked = board.RankByTechnicalScore(sector).ToDictionary(r => r.Ticker, StringComparer.OrdinalIgnoreCase);
        var wanted = tickers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (wanted.Length == 0) throw new UserFacingException("--ticker is empty", "e.g. --ticker AAPL or --ticker AAPL,MSFT");
        var rows = new List<RankedScore>();
        foreach (var t in wanted.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (ranked.TryGetValue(t, out var row)) { rows.Add(row); continue; }
            if (board.Tickers.ContainsKey(t))
                throw new UserFacingException($"--ticker {t.ToUpperInvariant()} is not in sector '{sector}'", "drop --sector, or pick a ticker of that sector");
            if (snapshot.Find(t) is { } c)
            {
                var why = quality.Excluded.FirstOrDefault(e => string.Equals(e.Symbol, c.Ticker, StringComparison.OrdinalIgnoreCase))?.Reason;
                throw new UserFacingException($"--ticker {c.Ticker} has no score on {board.Date:yyyy-MM-dd}{(why is null ? " (too few bars on or before that date)" : $" (excluded: {why})")}",
                    "pick another ticker or a later --date");
            }
            string? nearest = Levenshtein.Nearest(t.ToUpperInvariant(), board.Tickers.Keys);
            throw new UserFacingException($"--ticker {t} is not a constituent of the snapshot",
                nearest is null ? "run 'alpha-research scores' to list the universe" : $"did you mean {nearest}?");
        }
        return rows;
    }

    private static TableColumn Right(string header) => new TableColumn(header).RightAligned().NoWrap();

    /// <summary>GICS sector names short enough for the table (JSON keeps the full name).</summary>
    internal static string ShortSector(string sector) => sector switch
    {
        Sectors.InformationTechnology => "Info Tech",
        "Consumer Discretionary" => "Cons Discr",
        "Consumer Staples" => "Cons Staples",
        "Communication Services" => "Comm Svcs",
        _ => sector,
    };

    private static string Fmt(double? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) : "—";
}
