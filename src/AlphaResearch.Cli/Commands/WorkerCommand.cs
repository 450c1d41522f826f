using System.ComponentModel;
using AlphaResearch.Cli.Composition;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Hosting;
using AlphaResearch.Llm;
using AlphaResearch.Scale;
using AlphaResearch.Scale.Dispatch;
using Microsoft.Extensions.Logging;
using Spectre.Console.Cli;

namespace AlphaResearch.Cli.Commands;

public sealed class WorkerSettings : GlobalSettings
{
    [CommandOption("--store <PATH|S3URI>")]
    [Description("Store every run of this worker writes to: a folder or s3://bucket/prefix. Default: ./.alpha-research")]
    public string? Store { get; init; }

    [CommandOption("--snapshot <PATH>")]
    [Description("Market snapshot folder. Default: the embedded sample.")]
    public string? Snapshot { get; init; }

    [CommandOption("--llm <PROVIDER>")]
    [Description("The provider this worker serves (its queue): anthropic | openai | sim | stub. Default: as `run`.")]
    public string? Llm { get; init; }

    [CommandOption("--concurrency <N>")]
    [Description("Runs this worker executes at once (default 1).")]
    public int? Concurrency { get; init; }

    [CommandOption("--lease-timeout <DURATION>")]
    [Description("A job whose worker stops renewing it for this long goes to another worker (default 5m).")]
    public string? LeaseTimeout { get; init; }
}

/// <summary>
/// `alpha-research worker` — executes queued runs (ALPHA_RESEARCH_QUEUE, PostgreSQL) through the same engine as a
/// local run, until Ctrl+C / SIGTERM. The org budget comes from ALPHA_RESEARCH_REDIS like every run (docs/SCALE.md).
/// </summary>
public sealed class WorkerCommand(IRunServicesFactory factory, CliOutput io) : AsyncCommand<WorkerSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, WorkerSettings settings, CancellationToken cancellationToken)
    {
        var config = settings.LoadConfig();
        if (config.Engine.Validate() is { Count: > 0 } invalid)
            throw new UserFacingException($"invalid configuration: {string.Join("; ", invalid)}", "fix those keys (docs/CONFIGURATION.md)");
        int concurrency = settings.Concurrency ?? 1;
        if (concurrency is < 1 or > 64) throw new UserFacingException($"--concurrency must be 1..64 (got {concurrency})", "e.g. --concurrency 2");
        var lease = settings.LeaseTimeout is null ? HangfireQueue.DefaultLeaseTimeout : CliParsing.Duration(settings.LeaseTimeout, "--lease-timeout");
        if (lease < TimeSpan.FromSeconds(2)) throw new UserFacingException($"--lease-timeout must be at least 2s (got {settings.LeaseTimeout})", "e.g. --lease-timeout 5m");
        var queue = HostErrors.Translate(() => QueueOptions.FromEnvironment(Environment.GetEnvironmentVariable));

        var format = CliLogWriter.ParseFormat(settings.LogFormat);
        var lines = new CliLogWriter(io.Err, format, TimeProvider.System);
        using var loggers = new CliLoggerProvider(lines, settings.Verbose).CreateFactory();
        var runner = new ResearchRunner(factory, config, TimeProvider.System, loggers);
        LlmProvider? requested = settings.Llm is null ? null : CliParsing.Provider(settings.Llm);
        // Money rules: a worker serving a real provider needs exactly what a local real run needs (the API key).
        var provider = runner.ResolveProvider(runner.NewRequest(requested));
        var root = CliParsing.OpenStore(settings.Store, config);
        var logger = loggers.CreateLogger("AlphaResearch.Worker");

        var storage = HostErrors.Translate(() => HangfireQueue.Open(queue, lease));
        string workerId = $"{Environment.MachineName}:{Environment.ProcessId}".ToLowerInvariant(); // Hangfire lowercases server names
        var executor = new QueuedRunExecutor(runner, root, settings.Snapshot, provider, TimeProvider.System, logger);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCancel;
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        try
        {
            using (new RunWorker(storage, QueueOptions.QueueFor(provider), concurrency, workerId, executor))
            {
                ScaleLog.WorkerServing(logger, workerId, QueueOptions.QueueFor(provider), concurrency, lease.TotalSeconds, root.Location);
                try { await Task.Delay(Timeout.Infinite, stop.Token); }
                catch (OperationCanceledException) { }
                ScaleLog.WorkerStopping(logger, workerId);
            }
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        return ExitCodes.Ok;
    }
}
