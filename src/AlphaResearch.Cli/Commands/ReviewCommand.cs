using System.ComponentModel;
using AlphaResearch.Archive;
using AlphaResearch.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace AlphaResearch.Cli.Commands;

public sealed class ReviewSettings : GlobalSettings
{
    [CommandOption("--date <DATE>")]
    [Description("Run date to review (YYYY-MM-DD). Required.")]
    public string? Date { get; init; }

    [CommandOption("--ticker <TICKER>")]
    [Description("Trace one name: proposing team, quant/qual scores and rationale, peer review, CIO decision, population event.")]
    public string? Ticker { get; init; }

    [CommandOption("--agent <ID>")]
    [Description("Limit to one agent: macro, cio, or a team (technology, sector_team:technology).")]
    public string? Agent { get; init; }

    [CommandOption("--dry-run")]
    [Description("Review a dry run (the store's dry_run/ namespace).")]
    public bool DryRun { get; init; }

    [CommandOption("--store <PATH|S3URI>")]
    [Description("Store the run published to: a folder or s3://bucket/prefix. Default: ./.alpha-research")]
    public string? Store { get; init; }
}

/// <summary>
/// `alpha-research review --date D [--ticker T] [--agent ID] [--json] [--dry-run]` — why is a name in the book (or not):
/// traces it through the run's published decision records, or summarises every agent's decisions. Reads only; no LLM.
/// </summary>
public sealed class ReviewCommand(CliOutput io) : AsyncCommand<ReviewSettings>
{
    private readonly CliOutput _io = io;

    public override async Task<int> ExecuteAsync(CommandContext context, ReviewSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Date is null)
            throw new UserFacingException("review needs --date", "for example: alpha-research review --date 2025-01-10 --ticker NVDA");
        var date = CliParsing.Date(settings.Date, "--date").ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var config = settings.LoadConfig();
        var root = CliParsing.OpenStore(settings.Store, config);
        var store = settings.DryRun ? DryRunObjectStore.Wrap(root) : root;
        var review = await RunReview.LoadAsync(store, date, cancellationToken);
        string? agent = settings.Agent is null ? null : review.ResolveAgent(settings.Agent);

        if (settings.Ticker is not null)
        {
            var trace = review.Trace(settings.Ticker, agent);
            _io.Out.WriteLine(settings.Json ? CliJson.Serialize(trace) : RunReview.TraceText(trace));
        }
        else
        {
            var summary = review.Summary(agent);
            _io.Out.WriteLine(settings.Json ? CliJson.Serialize(summary) : RunReview.SummaryText(summary));
        }
        return ExitCodes.Ok;
    }
}
