using System.ComponentModel;
using System.Globalization;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Llm.Simulator;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AlphaResearch.Cli.Commands;

/// <summary>
/// `alpha-research bench llm` — the incident's six-agent fan-out through the real gateway, governor on and/or off:
/// makespan, the honest rate-limit floor (uncached input beyond one full bucket ÷ ITPM, for the one model pool),
/// their ratio, 429s and the share of input read from the prompt cache. By default against the in-process simulator
/// on a time-scaled clock; with --base-url against any Anthropic-compatible endpoint in real time.
/// </summary>
public sealed class BenchLlmCommand : AsyncCommand<BenchLlmCommand.Settings>
{
    public sealed class Settings : GlobalSettings
    {
        [CommandOption("--itpm <N>")]
        [Description("Org input tokens per minute: the simulated limit in-process (default 450000); with --base-url only the governor's starting value until the server's header says otherwise.")]
        public int Itpm { get; init; } = 450_000;

        [CommandOption("--calls <N>")]
        [Description("Calls per agent (default 10).")]
        public int CallsPerAgent { get; init; } = 10;

        [CommandOption("--prompt-tokens <N>")]
        [Description("Unique input tokens per call (default 20000).")]
        public int PromptTokens { get; init; } = 20_000;

        [CommandOption("--system-tokens <N>")]
        [Description("Per-agent system prompt tokens by the client's estimate, cacheable (default 6000: Haiku 4.5 caches only prefixes of 4096+, and a server may count fewer tokens than the client).")]
        public int SystemTokens { get; init; } = 6_000;

        [CommandOption("--time-scale <X>")]
        [Description("In-process only: simulated time runs X times faster than real time (default 20).")]
        public double TimeScale { get; init; } = 20;

        [CommandOption("--base-url <URL>")]
        [Description("Run against this Anthropic-compatible endpoint in real time (e.g. a separate `alpha-research llm-sim`); key from ANTHROPIC_API_KEY.")]
        public string? BaseUrl { get; init; }

        [CommandOption("--governor <MODE>")]
        [Description("on, off or both (default both).")]
        public string Governor { get; init; } = "both";

        [CommandOption("--workers <LIST>")]
        [Description("Comma-separated worker counts (e.g. 1,2,4): that many workers (own gateway and governor each) against one org limit in real time, per-process governors and, with ALPHA_RESEARCH_REDIS set, one org budget shared in Redis (docs/SCALE.md).")]
        public string? Workers { get; init; }

        internal IReadOnlyList<int> WorkerCounts() =>
            (Workers ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(w => int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : 0).ToList();

        public override ValidationResult Validate()
        {
            if (Workers is not null && (WorkerCounts() is var counts && (counts.Count == 0 || counts.Any(n => n < 1 || n > 16))))
                return ValidationResult.Error($"--workers '{Workers}' is not a list of worker counts between 1 and 16, e.g. 1,2,4");
            if (Itpm <= 0 || CallsPerAgent <= 0 || PromptTokens <= 0 || SystemTokens < 0 || TimeScale <= 0)
                return ValidationResult.Error("--itpm, --calls, --prompt-tokens and --time-scale must be positive (--system-tokens ≥ 0)");
            if (Governor is not ("on" or "off" or "both"))
                return ValidationResult.Error($"--governor '{Governor}' is not a mode: use on, off or both");
            if (BaseUrl is not null && !Uri.TryCreate(BaseUrl, UriKind.Absolute, out _))
                return ValidationResult.Error($"--base-url '{BaseUrl}' is not an absolute URL, e.g. http://127.0.0.1:8089");
            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var work = new WorkloadOptions { CallsPerAgent = settings.CallsPerAgent, UserPromptTokens = settings.PromptTokens, SystemPromptTokens = settings.SystemTokens };
        if (settings.Workers is not null)
        {
            string? redis = Environment.GetEnvironmentVariable(AlphaResearch.Scale.RedisBudgetOptions.EndpointEnv) is { Length: > 0 } r ? r : null;
            var rows = await BenchWorkers.RunAsync(settings.WorkerCounts(), settings.Itpm, work, redis, cancellationToken);
            AnsiConsole.Write(BenchWorkers.Table(rows));
            AnsiConsole.MarkupLineInterpolated($"each worker: {work.Agents} agents × {work.CallsPerAgent} calls × ~{work.UserPromptTokens:N0} input tokens, all at once, against one simulated org of {settings.Itpm:N0} input tokens/min (real time){(redis is null ? "; set ALPHA_RESEARCH_REDIS for the shared rows" : "")}.");
            return ExitCodes.Ok;
        }
        bool[] modes = settings.Governor switch { "on" => [true], "off" => [false], _ => [true, false] };
        var results = new List<WorkloadResult>();
        foreach (bool governor in modes)
        {
            if (settings.BaseUrl is { } url)
            {
                string key = Environment.GetEnvironmentVariable(AlphaResearch.Llm.LlmGatewayBuilder.ApiKeyEnv) is { Length: > 0 } k ? k : "sim-key";
                results.Add(await SixAgentWorkload.RunAgainstAsync(url, work, governor, settings.Itpm, key, ct: cancellationToken));
            }
            else
            {
                // The simulator honours Haiku 4.5's minimum cacheable prompt, as the API does.
                var sim = new SimulatorOptions { InputTokensPerMinute = settings.Itpm, LatencyMs = 1_500, MsPerOutputToken = 5, MinCacheableTokens = 4_096 };
                results.Add(await SixAgentWorkload.RunAsync(sim, work, governor, settings.TimeScale, ct: cancellationToken));
            }
        }

        if (settings.Json)
        {
            Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(results.Select(r => new
            {
                target = r.Target, governor = r.Governor, makespan_s = Math.Round(r.Makespan.TotalSeconds, 1), floor_s = Math.Round(r.Floor.TotalSeconds, 1),
                ratio = double.IsFinite(r.Ratio) ? Math.Round(r.Ratio, 3) : (double?)null, rate_limited = r.RateLimited, requests = r.Requests, calls = r.Calls,
                itpm = r.InputTokensPerMinute, uncached_input_tokens = r.UncachedInputTokens, cache_read_tokens = r.SimCacheReadTokens,
                cache_read_share = Math.Round(r.CacheReadShare, 3), cost_usd = CostFormat.Round(r.Ledger.CostUsd),
            })));
            return ExitCodes.Ok;
        }
        AnsiConsole.Write(ResultTable(results));
        string where = settings.BaseUrl is null ? $"the in-process simulator (simulated time, scale {settings.TimeScale})" : $"{settings.BaseUrl} (real time; figures from the server's reported usage)";
        AnsiConsole.MarkupLineInterpolated($"6 agents × {settings.CallsPerAgent} calls × ~{settings.PromptTokens:N0} input tokens (+{settings.SystemTokens:N0} cacheable system) against {where}.");
        AnsiConsole.MarkupLine("Honest floor = uncached input beyond one full bucket ÷ ITPM. Target: governor on ≤ 1.10× floor with at most one 429.");
        return ExitCodes.Ok;
    }

    /// <summary>One row per measure and one column per governor mode, so the table fits 80 columns without breaking a word.</summary>
    internal static Table ResultTable(IReadOnlyList<WorkloadResult> results)
    {
        var table = new Table().AddColumn(new TableColumn("").NoWrap());
        foreach (var r in results) table.AddColumn(new TableColumn(r.Governor ? "governor on" : "governor off").RightAligned().NoWrap());
        void Row(string measure, Func<WorkloadResult, string> cell) => table.AddRow([measure, .. results.Select(cell)]);
        static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
        Row("makespan", r => Fmt(r.Makespan));
        Row("honest floor", r => Fmt(r.Floor));
        Row("makespan / floor", r => double.IsFinite(r.Ratio) ? r.Ratio.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "—");
        Row("429s", r => N(r.RateLimited));
        Row("requests / calls", r => $"{N(r.Requests)} / {N(r.Calls)}");
        Row("ITPM", r => N(r.InputTokensPerMinute));
        Row("uncached input", r => N(r.UncachedInputTokens));
        Row("read from cache", r => r.CacheReadShare.ToString("0.0%", CultureInfo.InvariantCulture));
        Row("cost", r => CostFormat.Usd(r.Ledger.CostUsd));
        return table;
    }

    private static string Fmt(TimeSpan t) => t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes}m{t.Seconds:00}s" : $"{t.TotalSeconds:0.0}s";
}
