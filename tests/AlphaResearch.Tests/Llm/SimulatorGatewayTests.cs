// These tests talk HTTP to an in-process simulator; the test-context token adds nothing over the explicit ones.
#pragma warning disable xUnit1051
using System.Text.Json;
using AlphaResearch.Domain;
using AlphaResearch.Llm;
using AlphaResearch.Llm.Simulator;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AlphaResearch.Tests.Llm;

/// <summary>The gateway through the REAL Anthropic SDK against the in-process simulator, on one time-scaled clock.</summary>
public sealed class SimulatorGatewayTests : IAsyncDisposable
{
    private const string SecretKey = "sk-ant-api03-SECRET-do-not-log-4242";
    private readonly ScaledTimeProvider _clock = new(120);
    private readonly FakeLogCollector _logs = new();
    private readonly ILoggerFactory _loggers;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ar-sim-" + Guid.NewGuid().ToString("N"));
    private AnthropicSimulator? _sim;

    public SimulatorGatewayTests()
    {
        _loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(_logs)));
        Directory.CreateDirectory(_dir);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sim is not null) await _sim.DisposeAsync();
        _loggers.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<LlmGateway> StartAsync(SimulatorOptions? options = null, bool governor = true)
    {
        _sim = new AnthropicSimulator((options ?? new SimulatorOptions()) with { LatencyMs = 200, RequestLogPath = Path.Combine(_dir, "sim.jsonl") }, _clock, _loggers);
        string url = await _sim.StartAsync();
        var env = new Dictionary<string, string?> { ["ANTHROPIC_API_KEY"] = SecretKey };
        return new LlmGatewayBuilder(new LlmConfig { Provider = LlmProvider.Sim, GovernorEnabled = governor })
            .WithBaseUrl(url).WithEnvironment(k => env.GetValueOrDefault(k)).WithTimeProvider(_clock).WithLoggerFactory(_loggers)
            .WithRunDate("2026-05-16").WithLedgerPath(Path.Combine(_dir, "usage.jsonl")).WithJitter(() => 0).Build();
    }

    private static ChatOptions Tag(string label, ChatOptions? o = null) => (o ?? new ChatOptions()).WithTag("sector_team:technology", label);

    private static readonly JsonElement ThesisSchema = JsonDocument.Parse("""
        {"type":"object","properties":{
          "picks":{"type":"array","items":{"type":"object","properties":{
             "ticker":{"type":"string"},"score":{"type":"number","minimum":0,"maximum":100},
             "rating":{"type":"string","enum":["BUY","HOLD","SELL"]},"rationale":{"type":"string"}},
             "required":["ticker","score","rating","rationale"]}},
          "summary":{"type":"string"}},"required":["picks","summary"]}
        """).RootElement;

    [Fact]
    public async Task Structured_output_is_schema_shaped_carries_the_marker_and_keeps_the_conversations_tickers()
    {
        using var gw = await StartAsync();
        var options = Tag("quant:technology:extract", new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(ThesisSchema, "thesis") });

        var response = await gw.For(ModelTier.Fast).GetResponseAsync("Rank NVDA and MSFT for the technology team.", options);

        using var doc = JsonDocument.Parse(response.Text);
        var picks = doc.RootElement.GetProperty("picks").EnumerateArray().ToList();
        Assert.Equal(["NVDA", "MSFT"], picks.Select(p => p.GetProperty("ticker").GetString()));
        // The SDK moves numeric bounds out of the wire schema (Anthropic structured outputs do not take them);
        // the value still lies inside them. Bounds themselves are covered by the stub/generator tests.
        Assert.All(picks, p => Assert.InRange(p.GetProperty("score").GetDouble(), 0, 100));
        Assert.All(picks, p => Assert.Equal("BUY", p.GetProperty("rating").GetString()));
        Assert.StartsWith("[DRY-RUN SIM] ", picks[0].GetProperty("rationale").GetString());
        Assert.StartsWith("[DRY-RUN SIM] ", doc.RootElement.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task System_prompt_is_marked_cacheable_so_the_second_call_reads_the_cache()
    {
        using var gw = await StartAsync();
        // Above Haiku 4.5's minimum cacheable prompt (4 096 tokens) by both the client's and the simulator's own count
        // (they differ by design): shorter prefixes get no breakpoint.
        var system = new ChatMessage(ChatRole.System, SixAgentWorkload.Prose("You are the technology quant.", 5_000, seed: 1));

        await gw.For(ModelTier.Fast).GetResponseAsync([system, new(ChatRole.User, "first question")], Tag("q1"));
        await gw.For(ModelTier.Fast).GetResponseAsync([system, new(ChatRole.User, "second question")], Tag("q2"));

        var records = gw.Ledger.Records;
        Assert.Equal(0, records[0].CacheReadTokens);
        Assert.True(records[0].CacheWriteTokens >= CacheMinimums.For("claude-haiku-4-5"), $"first call wrote {records[0].CacheWriteTokens}");
        Assert.Equal(records[0].CacheWriteTokens, records[1].CacheReadTokens);
        Assert.Equal(0, records[1].CacheWriteTokens);
        Assert.True(records[1].CostUsd < records[0].CostUsd);
    }

    [Fact]
    public async Task Tool_use_round_trip_runs_the_function_then_returns_marked_text()
    {
        // Checks where the breakpoint goes, not the model's minimum: this tiny tool prefix is under haiku-4-5's 4 096.
        using var gw = await StartAsync(new SimulatorOptions { MinCacheableTokens = 0 });
        var seen = new List<string>();
        var tool = AIFunctionFactory.Create((string ticker) => { seen.Add(ticker); return new { ticker, rsi = 55.0 }; }, "get_technicals", "Technical indicators for one ticker");
        using var client = new ChatClientBuilder(gw.For(ModelTier.Fast)).UseFunctionInvocation().Build();

        var system = new ChatMessage(ChatRole.System, SixAgentWorkload.Prose("You are the technology quant.", 5_000, seed: 2));
        var response = await client.GetResponseAsync([system, new(ChatRole.User, "Analyse AMD for me.")], Tag("quant:technology:react", new ChatOptions { Tools = [tool] }));

        Assert.Equal(["AMD"], seen);
        Assert.StartsWith("[DRY-RUN SIM] ", response.Text);
        var records = gw.Ledger.Records;
        Assert.Equal(2, records.Count);
        Assert.Equal(2, _sim!.RequestLog.Count);
        // Incremental caching: round 1 writes its whole prefix (breakpoint on its latest message); round 2 reads all
        // of it and writes only the new tool_use + tool_result tail.
        // (The simulator counts tokens its own way, so compare with what it reported, not with the client's 5 000.)
        Assert.True(records[0].CacheWriteTokens > 10 * records[0].InputTokens, $"wrote {records[0].CacheWriteTokens}, uncached {records[0].InputTokens}");
        Assert.Equal(records[0].CacheWriteTokens, records[1].CacheReadTokens);
        Assert.InRange(records[1].CacheWriteTokens, 1, 200);
    }

    [Fact]
    public async Task A_five_round_react_loop_at_realistic_sizes_reads_most_of_its_input_from_the_cache()
    {
        using var gw = await StartAsync(new SimulatorOptions { MinCacheableTokens = 4_096 });
        var tool = AIFunctionFactory.Create((string ticker) => ticker, "get_technicals", "Technical indicators for one ticker");
        var options = Tag("quant:technology:react", new ChatOptions { Tools = [tool] });
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, SixAgentWorkload.Prose("You are the technology quant.", 5_000, seed: 3)),
            new(ChatRole.User, SixAgentWorkload.Prose("Analyse NVDA, AMD and MSFT.", 1_500, seed: 4)),
        };
        for (int round = 0; round < 5; round++)
        {
            await gw.For(ModelTier.Fast).GetResponseAsync(messages, options);
            // What FunctionInvokingChatClient appends each round: the model's tool call, then its result.
            messages.Add(new(ChatRole.Assistant, [new FunctionCallContent($"c{round}", "get_technicals", new Dictionary<string, object?> { ["ticker"] = "NVDA" })]));
            messages.Add(new(ChatRole.User, [new FunctionResultContent($"c{round}", SixAgentWorkload.Prose($"NVDA technicals {round}", 1_500, seed: 10 + round))]));
        }

        var t = gw.Ledger.Total;
        double share = t.CacheReadTokens / (double)(t.InputTokens + t.CacheReadTokens + t.CacheWriteTokens);
        TestContext.Current.TestOutputHelper!.WriteLine($"react loop: input {t.InputTokens}, cache read {t.CacheReadTokens}, cache write {t.CacheWriteTokens}, share read {share:P0}");
        Assert.True(share >= 0.5, $"only {share:P0} of input read from cache");
        // Each round after the first reads the previous round's whole prefix and writes only its new tail.
        var records = gw.Ledger.Records;
        for (int i = 1; i < records.Count; i++)
            Assert.Equal(records[i - 1].CacheReadTokens + records[i - 1].CacheWriteTokens, records[i].CacheReadTokens);
    }

    [Fact]
    public async Task Streaming_responses_are_assembled_and_recorded()
    {
        using var gw = await StartAsync();

        var updates = new List<ChatResponseUpdate>();
        await foreach (var u in gw.For(ModelTier.Strategic).GetStreamingResponseAsync("Macro view on SPY please", Tag("macro_economist"))) updates.Add(u);

        var text = string.Concat(updates.Select(u => u.Text));
        Assert.StartsWith("[DRY-RUN SIM] simulated answer from claude-sonnet-4-6", text);
        var record = Assert.Single(gw.Ledger.Records);
        var logged = Assert.Single(_sim!.RequestLog);
        Assert.True(logged.Stream);
        Assert.Equal((logged.InputTokens, logged.OutputTokens), (record.InputTokens, record.OutputTokens));
    }

    [Fact]
    public async Task Sdk_429s_with_retry_after_are_ridden_out_by_our_layer()
    {
        var faults = new[] { new FaultRule { Fault = "429", First = 2, RetryAfterSeconds = 7 } };
        using var gw = await StartAsync(new SimulatorOptions { Faults = faults });

        var response = await gw.For(ModelTier.Fast).GetResponseAsync("hello", Tag("quant:technology:react"));

        Assert.StartsWith("[DRY-RUN SIM]", response.Text);
        Assert.Equal(3, _sim!.RequestLog.Count); // SDK retries off: every attempt is ours
        var record = Assert.Single(gw.Ledger.Records);
        Assert.Equal(3, record.Attempts);
        Assert.Equal(2, record.RateLimitWaits);
        Assert.Equal(14.0, record.RateLimitWaitSeconds);
    }

    [Fact]
    public async Task A_stream_rejected_with_429_before_its_first_event_is_retried()
    {
        using var gw = await StartAsync(new SimulatorOptions { Faults = [new FaultRule { Fault = "429", First = 1, RetryAfterSeconds = 5 }] });

        var text = "";
        await foreach (var u in gw.For(ModelTier.Fast).GetStreamingResponseAsync("stream NVDA", Tag("stream"))) text += u.Text;

        Assert.StartsWith("[DRY-RUN SIM]", text);
        Assert.Equal([429, 200], _sim!.RequestLog.Select(e => e.Status));
        Assert.Equal(2, gw.Ledger.Records.Single().Attempts);
    }

    [Fact]
    public async Task Sdk_529_overloaded_is_retried()
    {
        using var gw = await StartAsync(new SimulatorOptions { Faults = [new FaultRule { Fault = "529", First = 1, RetryAfterSeconds = 2 }] });

        await gw.For(ModelTier.Fast).GetResponseAsync("hello", Tag("x"));

        Assert.Equal([529, 200], _sim!.RequestLog.Select(e => e.Status));
    }

    [Fact]
    public async Task Sdk_spend_limit_429_and_500_propagate_after_one_request()
    {
        using var gw = await StartAsync(new SimulatorOptions
        {
            Faults = [new FaultRule { Fault = "429-spend", Match = "SPEND", Always = true }, new FaultRule { Fault = "500", Match = "BOOM", Always = true }],
        });

        var spend = await Assert.ThrowsAnyAsync<Exception>(() => gw.For(ModelTier.Fast).GetResponseAsync("SPEND please", Tag("a")));
        var boom = await Assert.ThrowsAnyAsync<Exception>(() => gw.For(ModelTier.Fast).GetResponseAsync("BOOM please", Tag("b")));

        Assert.IsType<Anthropic.Models.AnthropicEnforcedSpendLimitReachedException>(spend);
        Assert.Contains("usage limits", spend.Message);
        Assert.Equal([429, 500], _sim!.RequestLog.Select(e => e.Status));
        // Each failed call is recorded once: one attempt, nothing spent, what failed it.
        Assert.Equal([("a", "429 spend limit reached"), ("b", "Anthropic5xxException")], gw.Ledger.Records.Select(r => (r.Label, r.Error)));
        Assert.All(gw.Ledger.Records, r => Assert.Equal((1, 0, 0L, 0m), (r.Attempts, r.RateLimitWaits, r.InputTokens, r.CostUsd)));
    }

    [Fact]
    public async Task Six_concurrent_agents_with_governor_on_cause_zero_429s_and_usage_matches_the_simulator_log()
    {
        // 7 000: the system prompt must reach Haiku 4.5's 4 096-token cache minimum by the simulator's own count too.
        var sim = new SimulatorOptions { InputTokensPerMinute = 60_000, LatencyMs = 300 };
        var work = new WorkloadOptions { CallsPerAgent = 3, SystemPromptTokens = 7_000, UserPromptTokens = 8_000, MaxOutputTokens = 512 };

        // 20×, not 60×: at high scales real-time HTTP set-up (tens of ms) becomes seconds of simulated lag between the
        // governor's admission and the simulator's charge, which no client-side budget can see.
        var r = await SixAgentWorkload.RunAsync(sim, work, governor: true, timeScale: 20);

        Assert.Equal(18, r.Calls);
        Assert.Equal(0, r.RateLimited);
        Assert.Equal(18, r.Requests);
        AssertLedgerMatchesSimulator(r);
        Assert.True(r.Makespan >= r.Floor - TimeSpan.FromMinutes(1), $"makespan {r.Makespan} vs floor {r.Floor}: the governor cannot beat the bucket");
    }

    [Fact]
    public async Task Six_concurrent_agents_with_governor_off_hit_429s_and_ride_them_all_out()
    {
        // 7 000: the system prompt must reach Haiku 4.5's 4 096-token cache minimum by the simulator's own count too.
        var sim = new SimulatorOptions { InputTokensPerMinute = 60_000, LatencyMs = 300 };
        var work = new WorkloadOptions { CallsPerAgent = 3, SystemPromptTokens = 7_000, UserPromptTokens = 8_000, MaxOutputTokens = 512 };

        var r = await SixAgentWorkload.RunAsync(sim, work, governor: false, timeScale: 60);

        Assert.Equal(18, r.Calls);
        Assert.True(r.RateLimited > 0, "without the governor the fan-out must overrun the bucket");
        Assert.Equal(18 + r.RateLimited, r.Requests);
        Assert.Equal(r.RateLimited, r.Ledger.RateLimitWaits);
        AssertLedgerMatchesSimulator(r);
    }

    private static void AssertLedgerMatchesSimulator(WorkloadResult r)
    {
        Assert.Equal(r.Calls, r.Ledger.Calls);
        Assert.Equal(r.SimInputTokens, r.Ledger.InputTokens);
        Assert.Equal(r.SimOutputTokens, r.Ledger.OutputTokens);
        Assert.Equal(r.SimCacheReadTokens, r.Ledger.CacheReadTokens);
        Assert.Equal(r.SimCacheWriteTokens, r.Ledger.CacheWriteTokens);
        Assert.True(r.SimCacheReadTokens > 0, "system prompts should be read from the cache after each agent's first call");
    }

    [Fact]
    public async Task The_api_key_never_appears_in_logs_ledger_simulator_log_or_exceptions()
    {
        using var gw = await StartAsync(new SimulatorOptions
        {
            Faults = [new FaultRule { Fault = "429", Match = "RETRY", First = 1 }, new FaultRule { Fault = "400", Match = "BAD", Always = true }],
        });
        await gw.For(ModelTier.Fast).GetResponseAsync("RETRY then answer", Tag("a"));
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => gw.For(ModelTier.Fast).GetResponseAsync("BAD request", Tag("b")));

        Assert.All(_sim!.RequestLog, e => Assert.Equal("bearer", e.Auth)); // the key did arrive, as Authorization: Bearer
        var haystacks = new List<string> { ex.ToString(), File.ReadAllText(Path.Combine(_dir, "usage.jsonl")), File.ReadAllText(Path.Combine(_dir, "sim.jsonl")) };
        haystacks.AddRange(_logs.GetSnapshot().Select(l => l.Message + " " + l.Exception));
        Assert.True(_logs.Count > 0);
        foreach (var text in haystacks)
        {
            Assert.DoesNotContain(SecretKey, text);
            Assert.DoesNotContain("SECRET", text);
            Assert.DoesNotContain("Bearer", text);
        }
    }
}
