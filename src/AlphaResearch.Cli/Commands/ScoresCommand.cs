using System.ComponentModel;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Config;
using AlphaResearch.Domain;
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
public sealed class ScoresCommand : Command<ScoresSettings>
{
    public override int Execute(CommandContext context, ScoresSettings s, CancellationToken cancellationToken)
    {
        var config = ConfigLoader.Load(s.ConfigPath);
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
        var board = ScoreBoardBuilder.Build(snapshot.AsOf(date), regime, config.Scoring);
        var rows = board.RankByTechnicalScore(s.Sector, s.Top);

        if (s.Json)
        {
            Console.Out.WriteLine(JsonConventions.Serialize(new
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
        AnsiConsole.MarkupLineInterpolated($"[bold]Technical scores[/] {date:yyyy-MM-dd} ({regime.ToString().ToLowerInvariant()} regime) — {board.Tickers.Count} tickers scored");
        AnsiConsole.MarkupLineInterpolated($"Breadth: {b.PctAboveMa50:0.0}% above MA50, {b.PctAboveMa200:0.0}% above MA200, A/D {b.AdvanceDeclineRatio:0.00} ({b.Advancers}/{b.Decliners})");
        var table = new Table().AddColumns("#", "Ticker", "Sector", "Score", "RSI", "MACD", "vs MA50 %", "vs MA200 %", "Mom 20d %", "ATR% 14");
        foreach (var r in rows)
        {
            var i = r.Scores.Indicators;
            table.AddRow(r.Rank.ToString(), r.Ticker, Markup.Escape(r.Sector), $"{r.Scores.Score.Composite:0.0}", $"{i.Rsi14:0.0}",
                i.MacdCross switch { 1 => "[green]▲ cross[/]", -1 => "[red]▼ cross[/]", _ => i.MacdAboveZero ? "+" : "−" },
                Fmt(i.PriceVsMa50), Fmt(i.PriceVsMa200), Fmt(i.Momentum20d), Fmt(i.AtrPct14));
        }
        AnsiConsole.Write(table);
        return ExitCodes.Ok;
    }

    private static string Fmt(double? v) => v is { } x ? x.ToString("0.0") : "—";
}
