using AlphaResearch.Cli.Commands;
using AlphaResearch.Cli.Infrastructure;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("alpha-research");
    config.SetApplicationVersion(typeof(Program).Assembly.GetName().Version?.ToString(3) ?? "0.1.0");
    config.PropagateExceptions(); // CliErrors below turns them into one line + hint + exit code
    config.ValidateExamples();

    // Commands (one file each under Commands/). Keep this list in the order of the README.
    config.AddCommand<ConfigShowCommand>("config").WithDescription("Print the effective configuration as JSON.");
    config.AddBranch("snapshot", b => { b.SetDescription("Build and validate market snapshots."); b.AddCommand<SnapshotImportCommand>("import").WithDescription("Build a snapshot folder from raw data shaped like the shared data folder."); b.AddCommand<SnapshotCheckCommand>("check").WithDescription("Validate a snapshot; print coverage and the data-quality report."); });
    config.AddCommand<ScoresCommand>("scores").WithDescription("Technical scores for the universe on a date, best first.").WithExample("scores", "--sector", "Energy", "--top", "10");
    config.AddCommand<RunCommand>("run").WithDescription("Run the research pipeline for a date (resumes finished agents; all agents or nothing).")
        .WithExample("run", "--dry-run").WithExample("run", "--date", "2025-01-10");
    config.AddCommand<StatusCommand>("status").WithDescription("Show what is persisted for a run date, without running anything.");
    config.AddCommand<ShowCommand>("show").WithDescription("Print a published morning brief (--html: path of the HTML page).");
    config.AddCommand<LlmSimCommand>("llm-sim").WithDescription("Run the local Anthropic-compatible simulator (org rate limits, latency, faults).");
    config.AddBranch("bench", bench => { bench.SetDescription("Benchmarks that print figures (LLM fan-out vs the rate-limit floor)."); bench.AddCommand<BenchLlmCommand>("llm").WithDescription("Six-agent LLM fan-out against the simulator, governor on vs off."); });
    // [commands]
});

return await CliErrors.RunAsync(() => app.RunAsync(args), args);
