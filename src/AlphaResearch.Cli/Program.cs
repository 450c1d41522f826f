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
    config.AddCommand<LlmSimCommand>("llm-sim").WithDescription("Run the local Anthropic-compatible simulator (org rate limits, latency, faults).");
    config.AddBranch("bench", bench => bench.AddCommand<BenchLlmCommand>("llm").WithDescription("Six-agent LLM fan-out against the simulator, governor on vs off."));
    // [commands]
});

return await CliErrors.RunAsync(() => app.RunAsync(args), args);
