using System.ComponentModel;
using System.Globalization;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Llm.Simulator;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AlphaResearch.Cli.Commands;

/// <summary>
/// `alpha-research bench llm` — the incident's six-agent fan-out against the simulator, governor on and off side
/// by side: makespan, the rate-limit floor (uncached input tokens ÷ ITPM), their ratio and 429 counts.
/// </summary>
public sealed class BenchLlmCommand : AsyncCommand<BenchLlmCommand.Settings>
{
    public sealed class Settings : GlobalSettings
    {
        [CommandOption("--itpm <N>")]
        [Description("Simulated org input tokens per minute (default 450000, the incident's limit).")]
        public int Itpm { get; init; } = 450_000;

        [CommandOption("--calls <N>")]
        [Description("Calls per agent (default 10).")]
        public int CallsPerAgent { get; init; } = 10;

        [CommandOption("--prompt-tokens <N>")]
        [Description("Unique input tokens per call (default 20000).")]
        public int PromptTokens { get; init; } = 20_000;

        [CommandOption("--time-scale <X>")]
        [Description("Simulated time runs X times faster than real time (default 20).")]
        public double TimeScale { get; init; } = 20;

        public override ValidationResult Validate() =>
            Itpm > 0 && CallsPerAgent > 0 && PromptTokens > 0 && TimeScale > 0 ? ValidationResult.Success() : ValidationResult.Error("all options must be positive");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var sim = new SimulatorOptions { InputTokensPerMinute = settings.Itpm, LatencyMs = 1_500, MsPerOutputToken = 5 };
        var work = new WorkloadOptions { CallsPerAgent = settings.CallsPerAgent, UserPromptTokens = settings.PromptTokens };
        var results = new List<WorkloadResult>();
        foreach (bool governor in new[] { true, false })
            results.Add(await SixAgentWorkload.RunAsync(sim, work, governor, settings.TimeScale, ct: cancellationToken));

        if (settings.Json)
        {
            Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(results.Select(r => new
            {
                governor = r.Governor, makespan_s = Math.Round(r.Makespan.TotalSeconds, 1), floor_s = Math.Round(r.Floor.TotalSeconds, 1),
                ratio = Math.Round(r.Ratio, 3), rate_limited = r.RateLimited, requests = r.Requests, calls = r.Calls,
                uncached_input_tokens = r.UncachedInputTokens, cost_usd = r.Ledger.CostUsd,
            })));
            return ExitCodes.Ok;
        }
        var table = new Table().AddColumns("governor", "makespan", "floor", "ratio", "429s", "requests", "calls", "uncached input", "cost");
        foreach (var r in results)
            table.AddRow(r.Governor ? "on" : "off", Fmt(r.Makespan), Fmt(r.Floor), r.Ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×",
                r.RateLimited.ToString(CultureInfo.InvariantCulture), r.Requests.ToString(CultureInfo.InvariantCulture), r.Calls.ToString(CultureInfo.InvariantCulture),
                r.UncachedInputTokens.ToString("N0", CultureInfo.InvariantCulture), r.Ledger.CostUsd.ToString("$0.00", CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"6 agents × {settings.CallsPerAgent} calls × ~{settings.PromptTokens:N0} input tokens against {settings.Itpm:N0} ITPM (simulated time, scale {settings.TimeScale}). Target: governor on ≤ 1.15× floor with zero 429s.");
        return ExitCodes.Ok;
    }

    private static string Fmt(TimeSpan t) => t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes}m{t.Seconds:00}s" : $"{t.TotalSeconds:0.0}s";
}
