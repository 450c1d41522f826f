using System.ComponentModel;
using System.Globalization;
using AlphaResearch.Cli.Composition;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Evaluation;
using AlphaResearch.Hosting;
using AlphaResearch.Publishing;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AlphaResearch.Cli.Commands;

public sealed class EvaluateSettings : GlobalSettings
{
    [CommandOption("--store <PATH|S3URI>")]
    [Description("Store: a folder or s3://bucket/prefix. Default: ./.alpha-research")]
    public string? Store { get; init; }

    [CommandOption("--snapshot <DIR>")]
    [Description("Snapshot whose bars judge the signals (default: the embedded sample).")]
    public string? Snapshot { get; init; }

    [CommandOption("--dry-run")]
    [Description("Evaluate the dry_run/ namespace (stub and simulator runs, backtests) instead of the real one.")]
    public bool DryRun { get; init; }

    [CommandOption("--horizons <DAYS[,DAYS...]>")]
    [Description("Forward horizons in sessions (default 5,10,21).")]
    public string? Horizons { get; init; }

    [CommandOption("--html <FILE>")]
    [Description("Also write a self-contained HTML page with charts to FILE.")]
    public string? Html { get; init; }
}

/// <summary>`alpha-research evaluate` — judge every published signal against what the market did (docs/EVALUATION.md).</summary>
public sealed class EvaluateCommand(CliOutput io) : AsyncCommand<EvaluateSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EvaluateSettings settings, CancellationToken cancellationToken)
    {
        var config = settings.LoadConfig();
        var horizons = ParseHorizons(settings.Horizons);
        string? html = settings.Html is null ? null : HtmlPath(settings.Html);
        var root = CliParsing.OpenStore(settings.Store, config);
        var bars = SnapshotOpener.Open(settings.Snapshot);
        var report = await HostErrors.TranslateAsync(() => Evaluator.EvaluateAsync(root, settings.DryRun, bars, horizons,
            config.Agents.PicksPerRun, update: true, cancellationToken));

        if (html is not null)
        {
            await File.WriteAllTextAsync(html, EvaluationHtml.Render(report, $"Alpha Research evaluation — {root.Location}{(settings.DryRun ? " (dry run)" : "")}"), cancellationToken);
            io.Err.WriteLine($"wrote {html}");
        }
        if (settings.Json)
        {
            io.Out.WriteLine(EvaluateJson.Build(report).ToJsonString(AlphaResearch.Domain.JsonConventions.Indented));
            return ExitCodes.Ok;
        }
        Print(io.Console, report, settings.DryRun);
        return ExitCodes.Ok;
    }

    internal static IReadOnlyList<int> ParseHorizons(string? text)
    {
        if (text is null) return ForwardReturns.DefaultHorizons;
        var days = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int d) || d < 1 || d > 252)
                throw new UserFacingException($"--horizons: '{part}' is not a number of sessions between 1 and 252", "e.g. --horizons 5,10,21");
            if (!days.Contains(d)) days.Add(d);
        }
        return days;
    }

    private static string HtmlPath(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new UserFacingException($"--html '{path}' is a folder", "name a file, e.g. --html evaluation.html");
        if (Path.GetDirectoryName(full) is { } dir && !Directory.Exists(dir))
            throw new UserFacingException($"--html '{path}': folder {dir} does not exist", "create it, or write the page elsewhere");
        return full;
    }

    private static void Print(IAnsiConsole console, EvaluationReport report, bool dryRun)
    {
        console.MarkupLine(Markup.Escape($"{report.RunDates.Count} published run(s){(dryRun ? " in dry_run/" : "")}, {report.Signals.Count} finished window(s); " +
                                         $"pending (window not ended yet): {string.Join(", ", report.Pending.Select(p => $"{p.Key}d {p.Value}"))}"));
        var table = new Table().Border(TableBorder.Minimal);
        foreach (var (header, right) in new[] { ("set", false), ("h", false), ("n", true), ("hit", true), ("mean α", true), ("95% CI", true), ("IC", true), ("t", true), ("book α", true) })
            table.AddColumn(right ? new TableColumn(header).RightAligned().NoWrap() : new TableColumn(header).NoWrap());
        foreach (var (name, list) in new[] { ("signals", report.Horizons), ("baseline", report.Baseline) })
        foreach (var m in list)
        {
            table.AddRow(name, $"{m.Days}d", m.Count.ToString(CultureInfo.InvariantCulture), Share(m.HitRate), Pct(m.MeanAlpha),
                m.MeanAlphaLow is null ? "–" : $"{Pct1(m.MeanAlphaLow)}…{Pct1(m.MeanAlphaHigh)}%", Num(m.Ic), Num(m.IcT),
                m.EnterBook.Count == 0 ? "–" : Pct(m.EnterBook[^1].CumulativeAlpha));
        }
        console.Write(table);
        console.MarkupLine(Markup.Escape($"baseline: top {report.BaselinePerTeam} per team by technical score on the same dates; book α: the ENTER book's cumulative alpha vs SPY"));
        console.MarkupLine("[grey]α = return − SPY return over the window; IC = Spearman(score, α) per run date, averaged; see docs/EVALUATION.md[/]");
    }

    internal static string Pct(double? v) => v is null ? "–" : (v.Value * 100).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + "%";
    private static string Pct1(double? v) => v is null ? "–" : (v.Value * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);
    internal static string Share(double? v) => v is null ? "–" : (v.Value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
    private static string Num(double? v) => v is null ? "–" : v.Value.ToString("0.00", CultureInfo.InvariantCulture);
}
