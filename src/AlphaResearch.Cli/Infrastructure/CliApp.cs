using AlphaResearch.Cli.Commands;
using AlphaResearch.Cli.Composition;
using AlphaResearch.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AlphaResearch.Cli.Infrastructure;

/// <summary>
/// The command tree of `alpha-research` and the process edge around it. Parsing is strict: an unknown option or
/// extra argument fails before any command is constructed, so a typo can never start a (paid) run.
/// </summary>
public static class CliApp
{
    /// <summary>Every command path and its settings type, in the order of the README (used for suggestions and tests).</summary>
    public static readonly IReadOnlyList<(string Path, Type Settings)> Commands =
    [
        ("config", typeof(GlobalSettings)),
        ("snapshot import", typeof(SnapshotImportSettings)),
        ("snapshot check", typeof(SnapshotCheckSettings)),
        ("snapshot fetch", typeof(SnapshotFetchSettings)),
        ("scores", typeof(ScoresSettings)),
        ("run", typeof(RunSettings)),
        ("status", typeof(StatusSettings)),
        ("show", typeof(ShowSettings)),
        ("llm-sim", typeof(LlmSimCommand.Settings)),
        ("bench llm", typeof(BenchLlmCommand.Settings)),
        ("evaluate", typeof(EvaluateSettings)),
        ("backtest", typeof(BacktestSettings)),
        ("bench backtest", typeof(BenchBacktestCommand.Settings)),
        ("worker", typeof(WorkerSettings)),
        ("schedule", typeof(ScheduleSettings)),
    ];

    /// <summary>Runs the CLI: parse strictly, execute, and turn any error into one line + hint (or a JSON object) and an exit code.</summary>
    public static Task<int> RunAsync(string[] args, IRunServicesFactory? runServices = null, IAnsiConsole? console = null,
        TextWriter? stdout = null, TextWriter? stderr = null) =>
        RunAsync(args, runServices, console is null && stdout is null && stderr is null ? null
            : new CliOutput(stdout ?? Console.Out, stderr ?? Console.Error, console ?? AnsiConsole.Console));

    public static Task<int> RunAsync(string[] args, IRunServicesFactory? runServices, CliOutput? io) =>
        CliErrors.RunAsync(async () =>
        {
            // Before Spectre binds anything: an unknown option, extra argument or missing value never reaches a command.
            UnknownArgumentAdvisor.Check(args);
            using var telemetry = OtlpTelemetry.StartFromEnvironment(Environment.GetEnvironmentVariable); // null unless OTEL_EXPORTER_OTLP_ENDPOINT
            return await Build(runServices, io).RunAsync(args);
        }, args, io?.Out ?? Console.Out, io?.Err ?? Console.Error);

    public static CommandApp Build(IRunServicesFactory? runServices = null, CliOutput? io = null)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("alpha-research");
            config.SetApplicationVersion(typeof(CliApp).Assembly.GetName().Version?.ToString(3) ?? "0.1.0");
            config.UseStrictParsing();
            config.PropagateExceptions(); // CliErrors turns them into one line + hint + exit code
            config.ValidateExamples();
            if (io is not null) config.ConfigureConsole(io.Console);
            config.Settings.Registrar.RegisterInstance<IRunServicesFactory>(runServices ?? RunServicesFactories.Create());
            config.Settings.Registrar.RegisterInstance(io ?? CliOutput.Process());

            // Descriptions are console markup in Spectre's help: every text below is plain and escaped.
            config.AddCommand<ConfigShowCommand>("config").WithDescription(Text("Print the effective configuration as JSON."));
            config.AddBranch("snapshot", b =>
            {
                b.SetDescription(Text("Build and validate market snapshots."));
                b.AddCommand<SnapshotImportCommand>("import").WithDescription(Text("Build a snapshot folder from raw data shaped like the shared data folder."))
                    .WithExample("snapshot", "import", "--from", "raw", "--out", "my-snapshot");
                b.AddCommand<SnapshotCheckCommand>("check").WithDescription(Text("Validate a snapshot; print coverage and the data-quality report."))
                    .WithExample("snapshot", "check", "--date", "2025-01-10");
                b.AddCommand<SnapshotFetchCommand>("fetch").WithDescription(Text("Download SEC EDGAR filings, XBRL facts and insider transactions into a raw data root."))
                    .WithExample("snapshot", "fetch", "--edgar", "--tickers", "AAPL,MSFT", "--user-agent", "Jane Doe jane@example.com", "--out", "raw");
            });
            config.AddCommand<ScoresCommand>("scores").WithDescription(Text("Technical scores for the universe on a date, best first."))
                .WithExample("scores", "--sector", "Energy", "--top", "10").WithExample("scores", "--ticker", "AAPL,MSFT");
            config.AddCommand<RunCommand>("run").WithDescription(Text("Run the research pipeline for a date (resumes finished agents; all agents or nothing). " +
                                                                      "Exit codes: 0 ok, 1 failed, 2 bad input, 3 skipped, 4 busy, 130 cancelled."))
                .WithExample("run", "--dry-run").WithExample("run", "--date", "2025-01-10");
            config.AddCommand<StatusCommand>("status").WithDescription(Text("Show what is persisted for a run date, without running anything."));
            config.AddCommand<ShowCommand>("show").WithDescription(Text("Print a published morning brief (--html: path of the HTML page)."))
                .WithExample("show", "--dry-run");
            config.AddCommand<ReviewCommand>("review").WithDescription(Text("Trace a name through a published run (team, scores, peer review, CIO, population), or summarise every agent's decisions."))
                .WithExample("review", "--date", "2025-01-10", "--ticker", "NVDA", "--dry-run");
            config.AddCommand<LlmSimCommand>("llm-sim").WithDescription(Text("Run the local Anthropic-compatible simulator (org rate limits, latency, faults)."));
            config.AddBranch("bench", bench =>
            {
                bench.SetDescription(Text("Benchmarks that print figures (LLM fan-out vs the rate-limit floor)."));
                bench.AddCommand<BenchLlmCommand>("llm").WithDescription(Text("Six-agent LLM fan-out against the simulator, governor on vs off."));
                bench.AddCommand<BenchBacktestCommand>("backtest").WithDescription(Text("Time weekly stub runs of a backtest on the sample (fresh store)."));
            });
            config.AddCommand<EvaluateCommand>("evaluate").WithDescription(Text("Judge every published signal against the market: hit rate, alpha, IC, vs a technical baseline."))
                .WithExample("evaluate", "--dry-run", "--json");
            config.AddCommand<BacktestCommand>("backtest").WithDescription(Text("Run the pipeline weekly over a past period (resumable; stub/sim under dry_run/)."))
                .WithExample("backtest", "--from", "2024-06-03", "--to", "2024-12-02");
            config.AddCommand<WorkerCommand>("worker").WithDescription(Text("Execute queued runs (ALPHA_RESEARCH_QUEUE, PostgreSQL) until stopped; see docs/SCALE.md."))
                .WithExample("worker", "--llm", "sim", "--concurrency", "2");
            config.AddCommand<ScheduleCommand>("schedule").WithDescription(Text("Register the recurring queued run (cron, UTC) for the workers."))
                .WithExample("schedule", "--cron", "0 6 * * 6");
        });
        return app;
    }

    private static string Text(string plain) => Markup.Escape(plain);
}
