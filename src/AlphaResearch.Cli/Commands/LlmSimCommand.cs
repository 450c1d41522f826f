using System.ComponentModel;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Llm.Simulator;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AlphaResearch.Cli.Commands;

/// <summary>`alpha-research llm-sim` — runs the Anthropic-compatible simulator until Ctrl+C.</summary>
public sealed class LlmSimCommand : AsyncCommand<LlmSimCommand.Settings>
{
    public sealed class Settings : GlobalSettings
    {
        [CommandOption("--port <N>")]
        [Description("Port on 127.0.0.1 (default 0: any free port).")]
        public int Port { get; init; }

        [CommandOption("--itpm <N>")]
        [Description("Input tokens per minute (default 450000).")]
        public int Itpm { get; init; } = 450_000;

        [CommandOption("--otpm <N>")]
        [Description("Output tokens per minute (default 90000).")]
        public int Otpm { get; init; } = 90_000;

        [CommandOption("--rpm <N>")]
        [Description("Requests per minute (default 4000).")]
        public int Rpm { get; init; } = 4_000;

        [CommandOption("--latency-ms <N>")]
        [Description("Base latency per response in simulated ms (default 400).")]
        public double LatencyMs { get; init; } = 400;

        [CommandOption("--ms-per-token <X>")]
        [Description("Extra simulated ms per output token (default 5).")]
        public double MsPerToken { get; init; } = 5;

        [CommandOption("--time-scale <X>")]
        [Description("Simulated time runs X times faster; retry-after/reset headers are sent in real time (default 1).")]
        public double TimeScale { get; init; } = 1;

        [CommandOption("--faults <FILE>")]
        // Descriptions are Spectre markup: literal brackets are doubled.
        [Description("JSON array of fault rules, e.g. [[{\"fault\":\"429\",\"match\":\"quant\",\"first\":2}]].")]
        public string? FaultsPath { get; init; }

        [CommandOption("--log <FILE>")]
        [Description("Append every request (tokens, status; never the key) to this JSONL file.")]
        public string? LogPath { get; init; }

        [CommandOption("--lax")]
        [Description("Accept what the real API refuses (malformed requests, schemas outside the structured-outputs subset). Default: strict.")]
        public bool Lax { get; init; }

        [CommandOption("--content <MODE>")]
        [Description("cooperative (default: every property filled) or uncooperative (only what the schema forces, seeded).")]
        public string Content { get; init; } = "cooperative";

        [CommandOption("--seed <N>")]
        [Description("Seed of the uncooperative model's choices (default 1).")]
        public int Seed { get; init; } = 1;

        [CommandOption("--token-factor <X>")]
        [Description("Multiplier of the simulator's own token count (default 1.25).")]
        public double TokenFactor { get; init; } = 1.25;

        [CommandOption("--min-cacheable <N>")]
        [Description("Minimum cacheable prefix in tokens for every model (default: each model's official minimum).")]
        public int? MinCacheable { get; init; }

        internal SimContentMode ContentMode => Content.Equals("uncooperative", StringComparison.OrdinalIgnoreCase) ? SimContentMode.Uncooperative : SimContentMode.Cooperative;

        public override ValidationResult Validate()
        {
            if (!Content.Equals("cooperative", StringComparison.OrdinalIgnoreCase) && !Content.Equals("uncooperative", StringComparison.OrdinalIgnoreCase))
                return ValidationResult.Error($"--content '{Content}': use cooperative or uncooperative");
            if (!(TokenFactor > 0) || double.IsInfinity(TokenFactor)) return ValidationResult.Error("--token-factor must be a positive number, e.g. 1.25");
            if (MinCacheable is < 0) return ValidationResult.Error("--min-cacheable must be 0 or more tokens");
            if (Itpm <= 0 || Otpm <= 0 || Rpm <= 0) return ValidationResult.Error("--itpm, --otpm and --rpm must be positive");
            if (!(TimeScale > 0)) return ValidationResult.Error("--time-scale must be a positive number");
            if (Port is < 0 or > 65535) return ValidationResult.Error("--port must be 0–65535");
            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        IReadOnlyList<FaultRule> faults = [];
        if (settings.FaultsPath is { } path)
        {
            try { faults = FaultRule.Load(path); }
            catch (InvalidDataException ex) { throw new UserFacingException(ex.Message, "see docs/LLM.md (simulator fault rules)"); }
        }
        var options = new SimulatorOptions
        {
            Port = settings.Port,
            InputTokensPerMinute = settings.Itpm,
            OutputTokensPerMinute = settings.Otpm,
            RequestsPerMinute = settings.Rpm,
            LatencyMs = settings.LatencyMs,
            MsPerOutputToken = settings.MsPerToken,
            TimeScale = settings.TimeScale,
            HeadersInRealTime = true,
            Faults = faults,
            RequestLogPath = settings.LogPath,
            Strict = !settings.Lax,
            Content = settings.ContentMode,
            Seed = settings.Seed,
            TokenFactor = settings.TokenFactor,
            MinCacheableTokens = settings.MinCacheable,
        };
        await using var sim = new AnthropicSimulator(options);
        string url = await sim.StartAsync(cancellationToken);
        if (settings.Json)
            Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { base_url = url, strict = !settings.Lax, content = settings.ContentMode.ToString().ToLowerInvariant() }));
        else
        {
            AnsiConsole.MarkupLineInterpolated($"LLM simulator on [bold]{url}[/] ({settings.Itpm:N0} ITPM, {settings.Otpm:N0} OTPM, {settings.Rpm:N0} RPM, time scale {settings.TimeScale}, {faults.Count} fault rule(s))");
            AnsiConsole.MarkupLineInterpolated($"{(settings.Lax ? "lax" : "strict")} requests and schemas, {settings.ContentMode.ToString().ToLowerInvariant()} content (seed {settings.Seed}), token factor {settings.TokenFactor}");
            AnsiConsole.MarkupLineInterpolated($"Use it: ANTHROPIC_BASE_URL={url} alpha-research ... --llm sim   (Ctrl+C to stop)");
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var onInt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        // Serve until Ctrl+C / SIGTERM, then stop cleanly and report what was served.
        var stopped = new TaskCompletionSource();
        using (stop.Token.Register(() => stopped.TrySetResult()))
        {
            await stopped.Task;
        }
        Console.Error.WriteLine($"served {sim.RequestLog.Count} request(s), {sim.RateLimitedCount} rate-limited");
        return ExitCodes.Ok;
    }
}
