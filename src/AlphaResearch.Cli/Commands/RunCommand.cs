using System.ComponentModel;
using System.Globalization;
using AlphaResearch.Archive;
using AlphaResearch.Cli.Composition;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Config;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AlphaResearch.Cli.Commands;

public sealed class RunSettings : GlobalSettings
{
    [CommandOption("--date <DATE>")]
    [Description("Run date (yyyy-MM-dd). Default: the snapshot's last trading session.")]
    public string? Date { get; init; }

    [CommandOption("--snapshot <PATH>")]
    [Description("Market snapshot folder. Default: the embedded sample.")]
    public string? Snapshot { get; init; }

    [CommandOption("--store <PATH|S3URI>")]
    [Description("Store: a folder or s3://bucket/prefix. Default: ./.alpha-research")]
    public string? Store { get; init; }

    [CommandOption("--force")]
    [Description("Run even if signals for the date are already published (completed agents still resume).")]
    public bool Force { get; init; }

    [CommandOption("--deadline <DURATION>")]
    [Description("Stop the run after this long (e.g. 90m, 2h, 45s). Default: engine.run_deadline_minutes.")]
    public string? Deadline { get; init; }

    [CommandOption("--dry-run")]
    [Description("Run with the stub provider under dry_run/ (never promoted).")]
    public bool DryRun { get; init; }

    [CommandOption("--llm <PROVIDER>")]
    [Description("anthropic | openai | sim | stub (sim and stub are dry runs).")]
    public string? Llm { get; init; }
}

/// <summary>`alpha-research run` — one durable research run: resumes finished agents, gates, publishes.</summary>
public sealed class RunCommand : AsyncCommand<RunSettings>
{
    private readonly IRunServicesFactory _factory;
    private readonly TextWriter _out;
    private readonly TimeProvider _time;

    public RunCommand() : this(RunServicesFactories.Create(), Console.Out, TimeProvider.System) { }

    internal RunCommand(IRunServicesFactory factory, TextWriter output, TimeProvider time)
    {
        _factory = factory;
        _out = output;
        _time = time;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        var config = ConfigLoader.Load(settings.ConfigPath);
        if (config.Engine.Validate() is { Count: > 0 } invalid)
            throw new UserFacingException($"invalid configuration: {string.Join("; ", invalid)}", "fix those keys (docs/CONFIGURATION.md)");
        var request = new RunRequest
        {
            RunDate = settings.Date is null ? null : CliParsing.Date(settings.Date, "--date"),
            SnapshotPath = settings.Snapshot,
            Provider = ResolveProviderOption(settings),
            Config = config,
        };
        TimeSpan? deadline = settings.Deadline is null ? null : CliParsing.Duration(settings.Deadline, "--deadline");
        var root = CliParsing.OpenStore(settings.Store, config);
        var provider = _factory.ResolveProvider(request);
        var runStore = RunNamespace.StoreFor(root, provider);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            var composition = await _factory.CreateAsync(request, runStore, cts.Token);
            if (composition.Services.Provider.IsDryRun != provider.IsDryRun())
                throw new InvalidOperationException($"composition error: ResolveProvider said {provider.Id()} but the services use {composition.Services.Provider.Provider.Id()}");
            bool live = !settings.Json && AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;
            var logger = new CliLogger(Console.Error, settings.Verbose);
            var display = new RunDisplay(live || settings.Json ? null : Console.Error);
            var engine = new RunEngine(root, composition.Services, config.Engine, _time, logger, display);
            var options = new RunOptions(composition.RunDate, settings.Force, deadline);

            RunResult result;
            if (live)
            {
                logger.Hold();
                try
                {
                    var task = engine.RunAsync(options, cts.Token);
                    await AnsiConsole.Live(display.Render()).AutoClear(false).StartAsync(async ctx =>
                    {
                        while (!task.IsCompleted)
                        {
                            ctx.UpdateTarget(display.Render());
                            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(250), _time, CancellationToken.None));
                        }
                        ctx.UpdateTarget(display.Render());
                    });
                    result = await task;
                }
                finally
                {
                    logger.Flush();
                }
            }
            else
            {
                result = await engine.RunAsync(options, cts.Token);
            }

            if (settings.Json) _out.WriteLine(JsonConventions.Serialize(result, indented: true));
            else PrintSummary(result);
            return ExitCodeOf(result, userCancelled: cts.IsCancellationRequested);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>0 only for OK; 3 for SKIPPED; 4 for BUSY; 130 when the user stopped the run (Ctrl-C); 1 for any other ERROR.</summary>
    internal static int ExitCodeOf(RunResult result, bool userCancelled) => result.Status switch
    {
        RunStatus.Ok => ExitCodes.Ok,
        RunStatus.Skipped => ExitCodes.Skipped,
        RunStatus.Busy => ExitCodes.Busy,
        _ when userCancelled => ExitCodes.Cancelled,
        _ => ExitCodes.Failed,
    };

    internal static LlmProvider? ResolveProviderOption(RunSettings settings)
    {
        LlmProvider? provider = settings.Llm is null ? null : CliParsing.Provider(settings.Llm);
        if (settings.DryRun)
        {
            if (provider is { } p && !p.IsDryRun())
                throw new UserFacingException($"--dry-run conflicts with --llm {settings.Llm}", "drop --dry-run, or use --llm stub or --llm sim");
            return provider ?? LlmProvider.Stub;
        }
        return provider;
    }

    private static void PrintSummary(RunResult r)
    {
        var table = new Table().AddColumn(new TableColumn("agent").NoWrap()).AddColumn("outcome").AddColumn(new TableColumn("calls").RightAligned())
            .AddColumn(new TableColumn("cost").RightAligned()).AddColumn("reason");
        foreach (var a in r.Agents)
            table.AddRow(Markup.Escape(a.AgentId), a.Outcome.ToString().ToLowerInvariant(), a.Usage.Calls.ToString(CultureInfo.InvariantCulture),
                $"${a.Usage.CostUsd:0.0000}", Markup.Escape(a.Reason ?? ""));
        AnsiConsole.Write(table);
        string status = r.Status switch { RunStatus.Ok => "[green]OK[/]", RunStatus.Skipped => "[yellow]SKIPPED[/]", RunStatus.Busy => "[yellow]BUSY[/]", _ => "[red]ERROR[/]" };
        AnsiConsole.MarkupLine($"{status} {r.RunDate} ({Markup.Escape(r.Phase)}){(r.DryRun ? " [blue]dry run[/]" : "")} in {r.DurationSeconds:0.0}s, ${r.Usage.CostUsd:0.00}");
        if (r.Reason is not null) AnsiConsole.MarkupLine(Markup.Escape(r.Reason));
        if (r.PathsWritten.Count > 0)
        {
            AnsiConsole.MarkupLine($"wrote {r.PathsWritten.Count} object(s) under {Markup.Escape(r.Store)}:");
            foreach (var p in r.PathsWritten) AnsiConsole.MarkupLine($"  {Markup.Escape(p)}");
            if (r.DryRun) AnsiConsole.MarkupLine("read the brief with [bold]alpha-research show --dry-run[/]");
        }
    }
}
