using System.Text.Json.Nodes;
using AlphaResearch.Archive;
using AlphaResearch.Cli.Commands;
using AlphaResearch.Cli.Composition;
using AlphaResearch.Hosting;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Config;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.Tests.Engine;
using Spectre.Console.Cli;
using AlphaResearch.Scoring;

namespace AlphaResearch.Tests.Cli;

/// <summary>`run` and `status` over the IRunServicesFactory seam with fake services.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly EngineHarness _h = new();
    public void Dispose() => _h.Dispose();

    private sealed class FakeFactory(EngineHarness h) : IRunServicesFactory
    {
        public IObjectStore? RunStore;
        public LlmProvider ResolveProvider(RunRequest request) => request.Provider ?? LlmProvider.Anthropic;

        public Task<RunComposition> CreateAsync(RunRequest request, IObjectStore runStore, CancellationToken ct)
        {
            RunStore = runStore;
            var provider = ResolveProvider(request);
            var services = new RunServices
            {
                Provider = new RunProviderInfo(provider, new Dictionary<string, string> { ["fast"] = "m" }),
                ContextFactory = new FakeContextFactory(), PriorState = new FakePriorState(),
                Macro = h.Macro, Teams = h.Teams, Cio = h.Cio, Aggregator = h.Aggregator, Rotation = new FakeRotation(),
                Publisher = new FakePublisher(runStore), Usage = h.Ledger,
            };
            return Task.FromResult(new RunComposition(services, request.RunDate ?? Sample.RunDate));
        }
    }

    private sealed class NoRemaining : IRemainingArguments
    {
        public ILookup<string, string?> Parsed { get; } = Array.Empty<string>().ToLookup(x => x, x => (string?)x);
        public IReadOnlyList<string> Raw { get; } = [];
    }

    private static CommandContext Context() => new([], new NoRemaining(), "run", null);

    private async Task<(int Code, JsonObject Json, FakeFactory Factory)> Run(RunSettings settings)
    {
        var factory = new FakeFactory(_h);
        var output = new StringWriter();
        int code = await new RunCommand(factory, output, _h.Time).ExecuteAsync(Context(), settings, TestContext.Current.CancellationToken);
        return (code, JsonNode.Parse(output.ToString())!.AsObject(), factory);
    }

    [Fact]
    public async Task Json_run_prints_the_result_and_exits_zero_for_ok()
    {
        var (code, json, _) = await Run(new RunSettings { Json = true, Store = _h.Root, Date = "2026-05-16" });
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Equal("OK", (string)json["status"]!);
        Assert.Equal("2026-05-16", (string)json["run_date"]!);
        Assert.Equal("ran", (string)json["agents"]![0]!["outcome"]!);
        Assert.Equal("macro", (string)json["agents"]![0]!["agent_id"]!);
        Assert.False((bool)json["dry_run"]!);
    }

    [Fact]
    public async Task Second_json_run_is_skipped_with_exit_code_3()
    {
        await Run(new RunSettings { Json = true, Store = _h.Root });
        var (code, json, _) = await Run(new RunSettings { Json = true, Store = _h.Root });
        Assert.Equal(ExitCodes.Skipped, code);
        Assert.Equal("SKIPPED", (string)json["status"]!);
        Assert.Equal("already_run", (string)json["phase"]!);
    }

    [Fact]
    public async Task Error_run_exits_one()
    {
        _h.Teams.Behaviors[TeamId.Financials] = _ => Task.FromResult(Sample.Failed(TeamId.Financials));
        var (code, json, _) = await Run(new RunSettings { Json = true, Store = _h.Root });
        Assert.Equal(ExitCodes.Failed, code);
        Assert.StartsWith("ALL-AGENTS-STRICT:", (string)json["reason"]!);
    }

    [Fact]
    public async Task Dry_run_flag_uses_the_stub_and_the_dry_run_view()
    {
        var (code, json, factory) = await Run(new RunSettings { Json = true, Store = _h.Root, DryRun = true });
        Assert.Equal(ExitCodes.Ok, code);
        Assert.True((bool)json["dry_run"]!);
        Assert.IsType<PrefixedObjectStore>(factory.RunStore);
        Assert.All(await _h.KeysAsync(), k => Assert.StartsWith("dry_run/", k));
    }

    [Fact]
    public async Task Invalid_engine_settings_stop_the_run_before_anything_starts()
    {
        string config = Path.Combine(_h.Root, "bad-engine.json");
        Directory.CreateDirectory(_h.Root);
        await File.WriteAllTextAsync(config, """{"engine": {"stale_lock_minutes": 0}}""", TestContext.Current.CancellationToken);
        var ex = await Assert.ThrowsAsync<UserFacingException>(() =>
            new RunCommand(new FakeFactory(_h), new StringWriter(), _h.Time).ExecuteAsync(Context(),
                new RunSettings { ConfigPath = config, Store = _h.Root }, TestContext.Current.CancellationToken));
        Assert.Equal("invalid configuration: engine.stale_lock_minutes must be > 0 (got 0)", ex.Message);
        Assert.Equal("fix those keys (docs/CONFIGURATION.md)", ex.Hint);
        Assert.Equal(0, _h.TotalAgentCalls);
    }

    [Fact]
    public void A_deadline_beyond_what_a_timer_can_hold_names_the_option()
    {
        var ex = Assert.Throws<UserFacingException>(() => CliParsing.Duration("2000h", "--deadline"));
        Assert.Equal("--deadline '2000h' is longer than the longest supported duration (49 days)", ex.Message);
    }

    [Fact]
    public void Dry_run_conflicts_with_a_real_provider()
    {
        var ex = Assert.Throws<UserFacingException>(() => RunCommand.ResolveProviderOption(new RunSettings { DryRun = true, Llm = "openai" }));
        Assert.Equal("--dry-run conflicts with --llm openai", ex.Message);
        Assert.Equal(LlmProvider.Sim, RunCommand.ResolveProviderOption(new RunSettings { DryRun = true, Llm = "sim" }));
        Assert.Null(RunCommand.ResolveProviderOption(new RunSettings()));
    }

    [Fact]
    public async Task A_plain_run_without_an_api_key_stops_and_points_at_dry_run()
    {
        var factory = new RunServicesFactory(environment: _ => null);
        var ex = await Assert.ThrowsAsync<UserFacingException>(() =>
            new RunCommand(factory, new StringWriter(), _h.Time).ExecuteAsync(Context(), new RunSettings { Store = _h.Root }, TestContext.Current.CancellationToken));
        Assert.Equal("no ANTHROPIC_API_KEY is set, so a real run cannot call Claude", ex.Message);
        Assert.Contains("alpha-research run --dry-run", ex.Hint);
        Assert.Empty(await _h.KeysAsync());
    }

    [Fact]
    public void Provider_resolution_prefers_the_option_then_config_then_anthropic_with_a_key()
    {
        var withKey = new RunServicesFactory(environment: n => n == "ANTHROPIC_API_KEY" ? "sk-ant-test" : null);
        var config = new AlphaResearch.Config.AlphaResearchConfig();
        Assert.Equal(LlmProvider.Anthropic, withKey.ResolveProvider(new RunRequest { Config = config }));
        Assert.Equal(LlmProvider.Stub, withKey.ResolveProvider(new RunRequest { Config = config, Provider = LlmProvider.Stub }));
        var openAi = config with { Llm = config.Llm with { Provider = LlmProvider.OpenAI } };
        Assert.Equal(LlmProvider.OpenAI, new RunServicesFactory(environment: _ => null).ResolveProvider(new RunRequest { Config = openAi }));
    }

    [Theory]
    [InlineData("90m", 90 * 60)]
    [InlineData("2h", 7200)]
    [InlineData("1h30m", 5400)]
    [InlineData("45s", 45)]
    public void Durations_parse(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), CliParsing.Duration(text, "--deadline"));

    [Theory]
    [InlineData("")]
    [InlineData("90")]
    [InlineData("0m")]
    [InlineData("m")]
    public void Bad_durations_name_the_option(string text)
    {
        var ex = Assert.Throws<UserFacingException>(() => CliParsing.Duration(text, "--deadline"));
        Assert.StartsWith($"--deadline '{text}'", ex.Message);
    }

    [Fact]
    public async Task Status_reports_each_agent_publication_and_lock()
    {
        _h.Teams.Behaviors[TeamId.Consumer] = _ => Task.FromResult(Sample.Failed(TeamId.Consumer));
        await _h.RunAsync();
        await _h.Store.PutAsync(AgentRunArchive.TeamKey(Sample.RunDate, TeamId.Industrials), "{oops"u8.ToArray(), TestContext.Current.CancellationToken);

        var status = await StatusCommand.InspectAsync(_h.Store, Sample.RunDate, dryRun: false, TestContext.Current.CancellationToken);

        Assert.False(status.Published);
        Assert.Null(status.Lock);
        var byId = status.Agents.ToDictionary(a => a.AgentId);
        Assert.Equal(ArchiveVerdict.Valid, byId["macro"].Verdict);
        Assert.Equal("anthropic", byId["macro"].Provider);
        Assert.Equal(_h.Time.GetUtcNow(), byId["macro"].CreatedAt);
        Assert.Equal(ArchiveVerdict.Absent, byId["sector_team:consumer"].Verdict);
        Assert.Equal(ArchiveVerdict.CorruptJson, byId["sector_team:industrials"].Verdict);
        Assert.Equal(ArchiveVerdict.Absent, byId["cio"].Verdict);
    }

    [Fact]
    public async Task Status_defaults_to_the_latest_persisted_run_date()
    {
        var ct = TestContext.Current.CancellationToken;
        var empty = await Assert.ThrowsAsync<UserFacingException>(() => StatusCommand.LatestRunDateAsync(_h.Store, dryRun: false, ct));
        Assert.Equal($"nothing is persisted in {_h.Store.Location}", empty.Message);
        Assert.Contains("--dry-run", empty.Hint);

        await _h.RunAsync();
        await _h.Store.PutAsync(AgentRunArchive.AgentKey(new DateOnly(2026, 5, 9), "macro"), "{}"u8.ToArray(), ct);
        Assert.Equal(Sample.RunDate, await StatusCommand.LatestRunDateAsync(_h.Store, dryRun: false, ct));
    }

    [Theory]
    [InlineData(RunStatus.Ok, false, 0)]
    [InlineData(RunStatus.Skipped, false, 3)]
    [InlineData(RunStatus.Error, false, 1)]
    [InlineData(RunStatus.Error, true, 130)]
    [InlineData(RunStatus.Ok, true, 0)] // finished (e.g. the commit ran to its end) before the Ctrl-C mattered
    public void Exit_codes_follow_the_status(RunStatus status, bool userCancelled, int expected)
    {
        var result = new RunResult { Status = status, RunDate = "2026-05-16", Phase = "done", Store = "/tmp/x" };
        Assert.Equal(expected, RunCommand.ExitCodeOf(result, userCancelled));
    }
}
