using System.ComponentModel;
using System.Globalization;
using AlphaResearch.Archive;
using AlphaResearch.Cli.Composition;
using AlphaResearch.Hosting;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Config;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Rendering;

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

    [CommandOption("--queued")]
    [Description("Put the run on the queue (ALPHA_RESEARCH_QUEUE) for a `worker`, wait for it, exit as a local run would.")]
    public bool Queued { get; init; }
}

/// <summary>`alpha-research run` — one durable research run: resumes finished agents, gates, publishes.</summary>
public sealed class RunCommand : AsyncCommand<RunSettings>
{
    private readonly IRunServicesFactory _factory;
    private readonly TextWriter _out;
    private readonly TimeProvider _time;
    private readonly TextWriter _err;
    private readonly CliOutput _io;

    public RunCommand(IRunServicesFactory factory, CliOutput io) : this(factory, io, TimeProvider.System) { }

    internal RunCommand(IRunServicesFactory factory, TextWriter output, TimeProvider time, TextWriter? errors = null)
        : this(factory, new CliOutput(output, errors ?? TextWriter.Null, AnsiConsole.Console), time) { }

    internal RunCommand(IRunServicesFactory factory, CliOutput io, TimeProvider time)
    {
        _factory = factory;
        _io = io;
        _out = io.Out;
        _time = time;
        _err = io.Err;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        var config = settings.LoadConfig();
        if (config.Engine.Validate() is { Count: > 0 } invalid)
            throw new UserFacingException($"invalid configuration: {string.Join("; ", invalid)}", "fix those keys (docs/CONFIGURATION.md)");
        // Everything the user typed is checked before anything is built, so bad input is exit 2 and starts nothing.
        var runDate = settings.Date is null ? (DateOnly?)null : CliParsing.Date(settings.Date, "--date");
        TimeSpan? deadline = settings.Deadline is null ? null : CliParsing.Duration(settings.Deadline, "--deadline");
        var format = CliLogWriter.ParseFormat(settings.LogFormat);
        bool live = !settings.Json && format == LogFormat.Text && _io.Console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;
        var lines = new CliLogWriter(_err, format, _time);
        using var loggers = new CliLoggerProvider(lines, settings.Verbose).CreateFactory();
        var request = new RunRequest
        {
            RunDate = runDate,
            SnapshotPath = settings.Snapshot,
            Provider = ResolveProviderOption(settings),
            Config = config,
            Loggers = loggers,
        };
        var runner = new ResearchRunner(_factory, config, _time, loggers);
        var provider = runner.ResolveProvider(request); // a refused provider (no API key) stops here, before Ctrl+C is hooked
        if (settings.Queued) return await QueuedRun.ExecuteAsync(_io, settings, provider, deadline, lines, _time, cancellationToken);
        var root = CliParsing.OpenStore(settings.Store, config);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            var display = new RunDisplay(live ? null : lines);
            var prepared = await runner.PrepareAsync(root, request, display, cts.Token);
            var (engine, composition) = (prepared.Engine, prepared.Composition);
            var options = new RunOptions(composition.RunDate, settings.Force, deadline);

            RunResult result;
            if (live)
            {
                lines.Hold();
                try
                {
                    var task = engine.RunAsync(options, cts.Token);
                    await _io.Console.Live(display.Render()).AutoClear(false).StartAsync(async ctx =>
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
                    lines.Flush();
                }
            }
            else
            {
                using var heartbeat = new RunHeartbeat(display, lines, _time);
                result = await engine.RunAsync(options, cts.Token);
            }

            if (settings.Json) _out.WriteLine(CliJson.Serialize(result));
            else PrintSummary(_io.Console, result, settings);
            return ExitCodeOf(result, userCancelled: cts.IsCancellationRequested);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>0 only for OK; 3 for SKIPPED; 4 for BUSY (another run holds the date); 130 when the user stopped the run (Ctrl-C); 1 for any other ERROR.</summary>
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

    internal static void PrintSummary(IAnsiConsole console, RunResult r, RunSettings settings)
    {
        console.Write(SummaryTable(r));
        string status = r.Status switch { RunStatus.Ok => "[green]OK[/]", RunStatus.Skipped => "[yellow]SKIPPED[/]", RunStatus.Busy => "[yellow]BUSY[/]", _ => $"[red]{Markup.Escape(JsonConventions.Serialize(r.Status).Trim('"'))}[/]" };
        console.MarkupLine($"{status} {r.RunDate} ({Markup.Escape(r.Phase)}){(r.DryRun ? " [blue]dry run[/]" : "")} in {r.DurationSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s, {CostFormat.Usd(r.Usage.CostUsd)}");
        if (r.Reason is not null) console.MarkupLine(Markup.Escape(r.Reason));
        if (r.PathsWritten.Count > 0)
        {
            console.MarkupLine($"wrote {r.PathsWritten.Count} object(s) under {Markup.Escape(r.Store)}:");
            foreach (var p in r.PathsWritten) console.MarkupLine($"  {Markup.Escape(p)}");
        }
        foreach (var hint in NextSteps(r, settings)) console.MarkupLine(Markup.Escape(hint));
    }

    /// <summary>Per agent: outcome, calls, cost (no-wrap columns that fit 80 columns); reasons below, wrapping between words.</summary>
    internal static IRenderable SummaryTable(RunResult r)
    {
        var table = new Table().AddColumn(new TableColumn("agent").NoWrap()).AddColumn(new TableColumn("outcome").NoWrap())
            .AddColumn(new TableColumn("calls").RightAligned().NoWrap()).AddColumn(new TableColumn("cost").RightAligned().NoWrap());
        var reasons = new List<IRenderable>();
        foreach (var a in r.Agents)
        {
            table.AddRow(Markup.Escape(a.AgentId), JsonConventions.Serialize(a.Outcome).Trim('"'), a.Usage.Calls.ToString(CultureInfo.InvariantCulture),
                CostFormat.Usd(a.Usage.CostUsd));
            if (a.Reason is { Length: > 0 } reason) reasons.Add(new Markup($"[grey]{Markup.Escape(a.AgentId)}:[/] {Markup.Escape(reason)}"));
        }
        return reasons.Count == 0 ? table : new Rows([table, .. reasons]);
    }

    /// <summary>What to type next; repeats --store (and --dry-run) so the command reads the store the run wrote to.</summary>
    internal static IReadOnlyList<string> NextSteps(RunResult r, RunSettings settings)
    {
        string store = settings.Store is { } s ? $" --store {CliParsing.QuoteArgument(s)}" : "";
        string dry = r.DryRun ? " --dry-run" : "";
        string date = settings.Date is null ? "" : $" --date {r.RunDate}";
        var steps = new List<string>();
        if (r.Status == RunStatus.Ok || r.Status == RunStatus.Skipped)
            steps.Add($"read the brief with: alpha-research show{dry}{date}{store}");
        else
            steps.Add($"see what each agent persisted with: alpha-research status{dry} --date {r.RunDate}{store}");
        return steps;
    }
}
