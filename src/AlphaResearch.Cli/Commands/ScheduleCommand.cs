using System.ComponentModel;
using System.Globalization;
using AlphaResearch.Cli.Composition;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Hosting;
using AlphaResearch.Llm;
using AlphaResearch.Scale.Dispatch;
using Spectre.Console.Cli;

namespace AlphaResearch.Cli.Commands;

public sealed class ScheduleSettings : GlobalSettings
{
    [CommandOption("--cron <EXPR>")]
    [Description("When the run is queued: five cron fields in UTC, e.g. \"0 6 * * 6\" (Saturdays 06:00).")]
    public string? Cron { get; init; }

    [CommandOption("--name <ID>")]
    [Description("The recurring job's id (default weekly-run-<provider>); scheduling the same id again replaces it.")]
    public string? Name { get; init; }

    [CommandOption("--dry-run")]
    [Description("Schedule stub-provider runs (dry_run/ namespace).")]
    public bool DryRun { get; init; }

    [CommandOption("--llm <PROVIDER>")]
    [Description("anthropic | openai | sim | stub: the queue (and workers) that will run it.")]
    public string? Llm { get; init; }
}

/// <summary>
/// `alpha-research schedule --cron …` — registers the recurring run in the queue (Hangfire's recurring jobs): at each
/// occurrence a run of the snapshot's last session is queued for a worker of the provider.
/// </summary>
public sealed class ScheduleCommand(IRunServicesFactory factory, CliOutput io) : Command<ScheduleSettings>
{
    public override int Execute(CommandContext context, ScheduleSettings settings, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(settings.Cron)) throw new UserFacingException("--cron is required", "e.g. alpha-research schedule --cron \"0 6 * * 6\"");
        if (RunQueueClient.CronProblem(settings.Cron) is { } problem)
            throw new UserFacingException($"--cron '{settings.Cron}' is not a cron expression: {problem}", "five fields: minute hour day-of-month month day-of-week, e.g. \"0 6 * * 6\"");
        var config = settings.LoadConfig();
        LlmProvider? requested = settings.Llm is null ? null : CliParsing.Provider(settings.Llm);
        if (settings.DryRun)
        {
            if (requested is { } p && !p.IsDryRun()) throw new UserFacingException($"--dry-run conflicts with --llm {settings.Llm}", "drop --dry-run, or use --llm stub or --llm sim");
            requested ??= LlmProvider.Stub;
        }
        var runner = new ResearchRunner(factory, config, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var provider = runner.ResolveProvider(runner.NewRequest(requested)); // a real schedule needs what a real run needs
        string id = settings.Name ?? $"weekly-run-{provider.Id()}";
        if (id.Length is 0 or > 100 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new UserFacingException($"--name '{id}' must be 1..100 letters, digits, '-' or '_'", "e.g. --name weekly-run");
        var queue = HostErrors.Translate(() => QueueOptions.FromEnvironment(Environment.GetEnvironmentVariable));
        var storage = HostErrors.Translate(() => HangfireQueue.Open(queue, HangfireQueue.DefaultLeaseTimeout));
        new RunQueueClient(storage, TimeProvider.System).Schedule(id, settings.Cron, new QueuedRunRequest(null, provider.Id()));
        var next = RunQueueClient.NextOccurrence(settings.Cron, TimeProvider.System.GetUtcNow());
        string nextText = next?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "never";
        if (settings.Json) io.Out.WriteLine(CliJson.Serialize(new { id, cron = settings.Cron, queue = QueueOptions.QueueFor(provider), next = next?.ToString("o", CultureInfo.InvariantCulture) }));
        else io.Out.WriteLine($"scheduled {id}: \"{settings.Cron}\" (UTC) on queue {QueueOptions.QueueFor(provider)}; next run {nextText}");
        return ExitCodes.Ok;
    }
}
