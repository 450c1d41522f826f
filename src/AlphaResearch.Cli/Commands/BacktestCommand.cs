using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using AlphaResearch.Cli.Composition;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Engine;
using AlphaResearch.Hosting;
using AlphaResearch.Llm;
using Spectre.Console.Cli;

namespace AlphaResearch.Cli.Commands;

public sealed class BacktestSettings : GlobalSettings
{
    [CommandOption("--from <DATE>")]
    [Description("First run date (yyyy-MM-dd); required.")]
    public string? From { get; init; }

    [CommandOption("--to <DATE>")]
    [Description("Last run date (yyyy-MM-dd); required.")]
    public string? To { get; init; }

    [CommandOption("--every <STEP>")]
    [Description("Spacing of the runs: Nw weeks or Nd calendar days (default 1w).")]
    public string? Every { get; init; }

    [CommandOption("--llm <PROVIDER>")]
    [Description("stub (default) | sim — dry runs under dry_run/ — or anthropic (paid: needs ANTHROPIC_API_KEY and --confirm-paid).")]
    public string? Llm { get; init; }

    [CommandOption("--confirm-paid")]
    [Description("Required with --llm anthropic: you accept that every week is a real, paid run.")]
    public bool ConfirmPaid { get; init; }

    [CommandOption("--snapshot <DIR>")]
    [Description("Market snapshot folder. Default: the embedded sample.")]
    public string? Snapshot { get; init; }

    [CommandOption("--store <PATH|S3URI>")]
    [Description("Store: a folder or s3://bucket/prefix. Default: ./.alpha-research")]
    public string? Store { get; init; }
}

/// <summary>
/// `alpha-research backtest` — a normal run at each date of a past period, oldest first (see <see cref="BacktestRunner"/>).
/// Started again after a kill, published weeks are SKIPPED and the first unfinished week resumes.
/// </summary>
public sealed class BacktestCommand(IRunServicesFactory factory, CliOutput io) : AsyncCommand<BacktestSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BacktestSettings settings, CancellationToken cancellationToken)
    {
        var config = settings.LoadConfig();
        if (config.Engine.Validate() is { Count: > 0 } invalid)
            throw new UserFacingException($"invalid configuration: {string.Join("; ", invalid)}", "fix those keys (docs/CONFIGURATION.md)");
        if (settings.From is null) throw new UserFacingException("--from is required", "e.g. backtest --from 2024-06-03 --to 2024-12-02");
        if (settings.To is null) throw new UserFacingException("--to is required", "e.g. backtest --from 2024-06-03 --to 2024-12-02");
        var from = CliParsing.Date(settings.From, "--from");
        var to = CliParsing.Date(settings.To, "--to");
        int step = BacktestSchedule.ParseEvery(settings.Every ?? "1w")
            ?? throw new UserFacingException($"--every '{settings.Every}' is not a step like 1w, 2w or 3d", "e.g. --every 1w");
        var provider = Provider(settings);
        var format = CliLogWriter.ParseFormat(settings.LogFormat);

        var lines = new CliLogWriter(io.Err, format, TimeProvider.System);
        using var loggers = new CliLoggerProvider(lines, settings.Verbose).CreateFactory();
        var runner = new ResearchRunner(factory, config, TimeProvider.System, loggers);
        runner.ResolveProvider(runner.NewRequest(provider)); // the same refusal a real `run` gives (no ANTHROPIC_API_KEY) before anything starts
        var root = CliParsing.OpenStore(settings.Store, config);
        var snapshot = SnapshotOpener.Open(settings.Snapshot);
        var dates = HostErrors.Translate(() => BacktestSchedule.Dates(snapshot, from, to, step));

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            var progress = new SynchronousProgress<BacktestProgress>(p => lines.Write("info", "backtest.week", p.Result is null
                ? $"week {p.Week} of {p.Weeks}: {p.RunDate:yyyy-MM-dd} running"
                : $"week {p.Week} of {p.Weeks}: {p.RunDate:yyyy-MM-dd} {Status(p.Result)} in {p.Result.DurationSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"
                  + (p.Result.Reason is { } why && p.Result.Status is not (RunStatus.Ok or RunStatus.Skipped) ? $" — {why}" : "")));
            var result = await HostErrors.TranslateAsync(() => new BacktestRunner(runner, TimeProvider.System).RunAsync(root, provider, snapshot, dates, progress, cts.Token));

            string summary = $"backtest {(result.Complete ? "complete" : "stopped")}: {result.Ran} run, {result.AlreadyPublished} already published, " +
                             $"{result.Planned - result.Weeks.Count(w => w.Status is RunStatus.Ok or RunStatus.Skipped)} not done, of {result.Planned} week(s) in " +
                             $"{result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s";
            if (settings.Json) io.Out.WriteLine(Json(result, provider).ToJsonString(AlphaResearch.Domain.JsonConventions.Indented));
            else
            {
                io.Out.WriteLine(summary);
                string dry = provider.IsDryRun() ? " --dry-run" : "";
                string store = settings.Store is { } s ? $" --store {CliParsing.QuoteArgument(s)}" : "";
                io.Out.WriteLine(result.Complete
                    ? $"judge it with: alpha-research evaluate{dry}{store}"
                    : $"start the same command again to continue (published weeks are skipped); see alpha-research status{dry}{store}");
            }
            if (result.Complete) return ExitCodes.Ok;
            return result.Weeks[^1].Status == RunStatus.Busy ? ExitCodes.Busy : ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            io.Err.WriteLine("backtest cancelled; start it again to continue");
            return ExitCodes.Cancelled;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    internal static LlmProvider Provider(BacktestSettings settings)
    {
        var provider = settings.Llm is null ? LlmProvider.Stub : CliParsing.Provider(settings.Llm);
        if (provider is LlmProvider.Stub or LlmProvider.Sim)
        {
            if (settings.ConfirmPaid) throw new UserFacingException($"--confirm-paid makes no sense with --llm {settings.Llm ?? "stub"}", "drop it: stub and sim runs cost nothing");
            return provider;
        }
        if (provider != LlmProvider.Anthropic)
            throw new UserFacingException($"--llm {settings.Llm}: a backtest runs with stub, sim or anthropic", "use --llm stub (default), sim or anthropic");
        if (!settings.ConfirmPaid)
            throw new UserFacingException("--llm anthropic makes every week a real, paid run; refusing without --confirm-paid",
                "add --confirm-paid if you mean it, or use --llm stub / --llm sim (free, under dry_run/)");
        return provider;
    }

    private static string Status(RunResult r) => AlphaResearch.Domain.JsonConventions.Serialize(r.Status).Trim('"');

    private static JsonObject Json(BacktestResult result, LlmProvider provider) => new()
    {
        ["complete"] = result.Complete,
        ["provider"] = provider.Id(),
        ["planned"] = result.Planned,
        ["ran"] = result.Ran,
        ["already_published"] = result.AlreadyPublished,
        ["elapsed_seconds"] = Math.Round(result.Elapsed.TotalSeconds, 3),
        ["weeks"] = new JsonArray([.. result.Weeks.Select(w => (JsonNode?)new JsonObject
        {
            ["run_date"] = w.RunDate, ["status"] = Status(w), ["phase"] = w.Phase, ["reason"] = w.Reason, ["duration_seconds"] = Math.Round(w.DurationSeconds, 3),
        })]),
    };

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, which would reorder the lines).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
