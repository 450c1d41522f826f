using System.Text;
using System.Text.Json.Nodes;
using AlphaResearch.Archive;
using AlphaResearch.Domain;
using AlphaResearch.Tests.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AlphaResearch.Tests.Archive;

/// <summary>Reference §7.1 and §7.4: keys, envelopes, round trips and every refusal case of the resume check.</summary>
public sealed class AgentRunArchiveTests : IDisposable
{
    private static readonly DateOnly Date = Sample.RunDate;
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly EngineHarness _h = new();
    private readonly AgentRunArchive _archive;

    public AgentRunArchiveTests() => _archive = _h.Archive();

    public void Dispose() => _h.Dispose();

    private IReadOnlyList<FakeLogRecord> Warnings() =>
        _h.Logger.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Warning).ToList();

    private async Task<JsonObject> EnvelopeAt(string key) =>
        JsonNode.Parse(Encoding.UTF8.GetString((await _h.Store.GetAsync(key, Ct))!))!.AsObject();

    private Task Write(string key, string text) => _h.Store.PutAsync(key, Encoding.UTF8.GetBytes(text), Ct);

    [Fact]
    public async Task Team_save_writes_the_exact_key_and_envelope()
    {
        Assert.True(await _archive.SaveTeamAsync(Date, Sample.Team(TeamId.Technology), Sample.Provenance(), Ct));

        Assert.Equal(["archive/sector_team_runs/2026-05-16/technology.json"], await _h.KeysAsync());
        var env = await EnvelopeAt("archive/sector_team_runs/2026-05-16/technology.json");
        Assert.Equal(1, (int)env["schema_version"]!);
        Assert.Equal("2026-05-16", (string)env["run_date"]!);
        Assert.Equal("technology", (string)env["team_id"]!);
        Assert.Equal("technology", (string)env["output"]!["team_id"]!);
        Assert.Equal("NVDA", (string)env["output"]!["recommendations"]![0]!["ticker"]!);
        var prov = env["provenance"]!;
        Assert.Equal("anthropic", (string)prov["provider"]!);
        Assert.Equal("claude-haiku-4-5", (string)prov["models"]!["fast"]!);
        Assert.Equal("sector_quant", (string)prov["prompts"]![0]!["id"]!);
        Assert.Equal("3", (string)prov["prompts"]![0]!["version"]!);
        Assert.Equal(new string('a', 64), (string)prov["prompts"]![0]!["sha256"]!);
        Assert.Equal("sha256:abc", (string)prov["snapshot_fingerprint"]!);
        Assert.Equal(1000, (long)prov["usage"]!["input_tokens"]!);
        Assert.NotNull(prov["created_at"]);
    }

    [Fact]
    public async Task Cio_save_writes_agent_runs_key_with_agent_id()
    {
        Assert.True(await _archive.SaveCioAsync(Date, Sample.Cio(["NVDA"]), Sample.Provenance(), Ct));
        var env = await EnvelopeAt("archive/agent_runs/2026-05-16/cio.json");
        Assert.Equal("cio", (string)env["agent_id"]!);
        Assert.Equal("2026-05-16", (string)env["run_date"]!);
        Assert.Equal("NVDA", (string)env["output"]!["advanced_tickers"]![0]!);
        Assert.Null(env["team_id"]);
    }

    [Fact]
    public async Task Team_round_trip_returns_the_recommendations()
    {
        await _archive.SaveTeamAsync(Date, Sample.Team(TeamId.Technology), Sample.Provenance(), Ct);
        var loaded = await _archive.LoadTeamAsync(Date, TeamId.Technology, Ct);
        Assert.NotNull(loaded);
        Assert.Equal(TeamId.Technology, loaded.TeamId);
        Assert.Equal("NVDA", Assert.Single(loaded.Recommendations).Ticker);
        Assert.Equal(70, loaded.Recommendations[0].QuantScore);
        Assert.Empty(Warnings());
    }

    [Fact]
    public async Task Macro_round_trip_returns_exactly_the_saved_report()
    {
        var macro = Sample.Macro();
        await _archive.SaveMacroAsync(Date, macro, Sample.Provenance(), Ct);
        var loaded = await _archive.LoadMacroAsync(Date, Ct);
        Assert.NotNull(loaded);
        Assert.Equal(JsonConventions.Serialize(macro), JsonConventions.Serialize(loaded));
    }

    [Fact]
    public async Task Cio_round_trip_returns_the_advanced_tickers()
    {
        await _archive.SaveCioAsync(Date, Sample.Cio(["NVDA"]), Sample.Provenance(), Ct);
        Assert.Equal(["NVDA"], (await _archive.LoadCioAsync(Date, Ct))!.AdvancedTickers);
    }

    [Fact]
    public async Task Absent_returns_null_without_warning()
    {
        Assert.Null(await _archive.LoadTeamAsync(Date, TeamId.Healthcare, Ct));
        Assert.Null(await _archive.LoadMacroAsync(Date, Ct));
        Assert.Null(await _archive.LoadCioAsync(Date, Ct));
        Assert.Empty(Warnings());
    }

    [Fact]
    public async Task Another_run_date_never_matches()
    {
        await _archive.SaveTeamAsync(Date, Sample.Team(TeamId.Technology), Sample.Provenance(), Ct);
        await _archive.SaveMacroAsync(Date, Sample.Macro(), Sample.Provenance(), Ct);
        Assert.Null(await _archive.LoadTeamAsync(new DateOnly(2026, 5, 23), TeamId.Technology, Ct));
        Assert.Null(await _archive.LoadMacroAsync(new DateOnly(2026, 5, 23), Ct));
    }

    private async Task AssertRefused(Func<Task<object?>> load, ArchiveVerdict verdict, string detailFragment)
    {
        Assert.Null(await load());
        var w = Assert.Single(Warnings());
        Assert.Equal(AgentRunArchive.RefusedEvent.Id, w.Id.Id);
        Assert.Contains($"({verdict})", w.Message);
        Assert.Contains(detailFragment, w.Message);
        Assert.Contains("will re-run", w.Message);
    }

    [Fact]
    public async Task Corrupt_json_is_refused_with_one_warning()
    {
        await Write(AgentRunArchive.TeamKey(Date, TeamId.Technology), "{\"run_date\": \"2026-05-16\", \"team_id\": ");
        await AssertRefused(async () => await _archive.LoadTeamAsync(Date, TeamId.Technology, Ct), ArchiveVerdict.CorruptJson, "corrupt persisted JSON");
    }

    [Fact]
    public async Task Envelope_that_is_not_an_object_is_refused()
    {
        await Write(AgentRunArchive.AgentKey(Date, "macro"), "[1, 2, 3]");
        await AssertRefused(async () => await _archive.LoadMacroAsync(Date, Ct), ArchiveVerdict.NotAnObject, "not a JSON object");
    }

    [Fact]
    public async Task Envelope_with_another_run_date_at_this_key_is_refused()
    {
        await _archive.SaveTeamAsync(new DateOnly(2026, 5, 9), Sample.Team(TeamId.Technology), Sample.Provenance(), Ct);
        var old = await _h.Store.GetAsync(AgentRunArchive.TeamKey(new DateOnly(2026, 5, 9), TeamId.Technology), Ct);
        await _h.Store.PutAsync(AgentRunArchive.TeamKey(Date, TeamId.Technology), old!, Ct);
        await AssertRefused(async () => await _archive.LoadTeamAsync(Date, TeamId.Technology, Ct), ArchiveVerdict.IdentityMismatch,
            "envelope identity mismatch (envelope run_date=2026-05-09, team_id=technology; expected 2026-05-16, technology)");
    }

    [Fact]
    public async Task Envelope_of_another_team_at_this_key_is_refused()
    {
        await _archive.SaveTeamAsync(Date, Sample.Team(TeamId.Technology), Sample.Provenance(), Ct);
        var bytes = await _h.Store.GetAsync(AgentRunArchive.TeamKey(Date, TeamId.Technology), Ct);
        await _h.Store.PutAsync(AgentRunArchive.TeamKey(Date, TeamId.Financials), bytes!, Ct);
        await AssertRefused(async () => await _archive.LoadTeamAsync(Date, TeamId.Financials, Ct), ArchiveVerdict.IdentityMismatch, "team_id=technology");
    }

    [Fact]
    public async Task Output_team_id_that_differs_from_the_envelope_is_refused()
    {
        await _archive.SaveTeamAsync(Date, Sample.Team(TeamId.Technology), Sample.Provenance(), Ct);
        var env = await EnvelopeAt(AgentRunArchive.TeamKey(Date, TeamId.Technology));
        env["output"]!["team_id"] = "financials";
        await Write(AgentRunArchive.TeamKey(Date, TeamId.Technology), env.ToJsonString());
        await AssertRefused(async () => await _archive.LoadTeamAsync(Date, TeamId.Technology, Ct), ArchiveVerdict.InvalidOutput, "output.team_id is 'financials'");
    }

    [Theory]
    [InlineData("stub")]
    [InlineData("sim")]
    public async Task Stub_or_sim_provenance_is_never_resumed_in_the_real_namespace(string provider)
    {
        await _archive.SaveTeamAsync(Date, Sample.Team(TeamId.Technology), Sample.Provenance(), Ct);
        var env = await EnvelopeAt(AgentRunArchive.TeamKey(Date, TeamId.Technology));
        env["provenance"]!["provider"] = provider;
        await Write(AgentRunArchive.TeamKey(Date, TeamId.Technology), env.ToJsonString());
        await AssertRefused(async () => await _archive.LoadTeamAsync(Date, TeamId.Technology, Ct), ArchiveVerdict.ProvenanceRefused,
            $"provider '{provider}' is not a real provider");
    }

    [Fact]
    public async Task Stub_envelope_copied_from_dry_run_into_the_real_namespace_is_refused()
    {
        var dry = _h.Archive(dryRun: true);
        Assert.True(await dry.SaveTeamAsync(Date, Sample.Team(TeamId.Technology, "[DRY-RUN] Strong fundamentals"), Sample.Provenance("stub"), Ct));
        Assert.NotNull(await dry.LoadTeamAsync(Date, TeamId.Technology, Ct)); // dry runs may resume their own output
        string key = AgentRunArchive.TeamKey(Date, TeamId.Technology);
        var stubBytes = await _h.Store.GetAsync(DryRunObjectStore.Prefix + key, Ct);
        await _h.Store.PutAsync(key, stubBytes!, Ct);
        await AssertRefused(async () => await _archive.LoadTeamAsync(Date, TeamId.Technology, Ct), ArchiveVerdict.ProvenanceRefused, "provider 'stub'");
    }

    [Fact]
    public async Task Real_namespace_refuses_to_save_stub_provenance_and_dry_namespace_refuses_real()
    {
        Assert.False(await _archive.SaveTeamAsync(Date, Sample.Team(TeamId.Technology), Sample.Provenance("stub"), Ct));
        Assert.False(await _h.Archive(dryRun: true).SaveMacroAsync(Date, Sample.Macro(), Sample.Provenance("anthropic"), Ct));
        Assert.Empty(await _h.KeysAsync());
    }

    [Fact]
    public async Task Unknown_schema_version_is_refused()
    {
        await _archive.SaveMacroAsync(Date, Sample.Macro(), Sample.Provenance(), Ct);
        var env = await EnvelopeAt(AgentRunArchive.AgentKey(Date, "macro"));
        env["schema_version"] = 99;
        await Write(AgentRunArchive.AgentKey(Date, "macro"), env.ToJsonString());
        await AssertRefused(async () => await _archive.LoadMacroAsync(Date, Ct), ArchiveVerdict.UnknownSchemaVersion, "schema_version 99 is not 1");
    }

    [Fact]
    public async Task Output_that_does_not_deserialise_is_refused()
    {
        await _archive.SaveMacroAsync(Date, Sample.Macro(), Sample.Provenance(), Ct);
        var env = await EnvelopeAt(AgentRunArchive.AgentKey(Date, "macro"));
        env["output"]!["market_regime"] = "sideways";
        await Write(AgentRunArchive.AgentKey(Date, "macro"), env.ToJsonString());
        await AssertRefused(async () => await _archive.LoadMacroAsync(Date, Ct), ArchiveVerdict.MalformedOutput, "output does not deserialise");
    }

    [Fact]
    public async Task Output_that_is_not_an_object_is_refused()
    {
        await _archive.SaveCioAsync(Date, Sample.Cio(["NVDA"]), Sample.Provenance(), Ct);
        var env = await EnvelopeAt(AgentRunArchive.AgentKey(Date, "cio"));
        env["output"] = "done";
        await Write(AgentRunArchive.AgentKey(Date, "cio"), env.ToJsonString());
        await AssertRefused(async () => await _archive.LoadCioAsync(Date, Ct), ArchiveVerdict.MalformedOutput, "output is missing or not a JSON object");
    }

    [Fact]
    public async Task Macro_with_ten_sectors_is_refused()
    {
        var macro = Sample.Macro();
        var ten = macro with { Sectors = macro.Sectors.Where(kv => kv.Key != Sectors.Energy).ToDictionary() };
        await _archive.SaveMacroAsync(Date, ten, Sample.Provenance(), Ct);
        await AssertRefused(async () => await _archive.LoadMacroAsync(Date, Ct), ArchiveVerdict.InvalidOutput, "macro report lacks sector(s): Energy");
    }

    [Fact]
    public async Task Macro_with_a_modifier_outside_the_band_is_refused()
    {
        var macro = Sample.Macro();
        var sectors = macro.Sectors.ToDictionary();
        sectors[Sectors.Utilities] = new SectorView(SectorRating.Overweight, 1.5, "x");
        await _archive.SaveMacroAsync(Date, macro with { Sectors = sectors }, Sample.Provenance(), Ct);
        await AssertRefused(async () => await _archive.LoadMacroAsync(Date, Ct), ArchiveVerdict.InvalidOutput, "modifier 1.5 for Utilities is outside [0.70, 1.30]");
    }

    [Fact]
    public async Task Cio_without_decisions_is_refused()
    {
        await _archive.SaveCioAsync(Date, new CioOutput(), Sample.Provenance(), Ct);
        await AssertRefused(async () => await _archive.LoadCioAsync(Date, Ct), ArchiveVerdict.InvalidOutput, "the CIO output has no decisions");
    }

    [Fact]
    public async Task Errored_team_is_not_persisted()
    {
        Assert.False(await _archive.SaveTeamAsync(Date, Sample.Failed(TeamId.Financials), Sample.Provenance(), Ct));
        Assert.Empty(await _h.KeysAsync());
    }

    [Fact]
    public async Task Partial_team_is_not_persisted()
    {
        Assert.False(await _archive.SaveTeamAsync(Date, Sample.PartialTeam(TeamId.Technology), Sample.Provenance(), Ct));
        Assert.Empty(await _h.KeysAsync());
    }

    [Fact]
    public async Task A_persisted_failed_team_written_by_hand_is_refused()
    {
        await _archive.SaveTeamAsync(Date, Sample.Team(TeamId.Technology), Sample.Provenance(), Ct);
        var env = await EnvelopeAt(AgentRunArchive.TeamKey(Date, TeamId.Technology));
        env["output"]!["partial"] = true;
        await Write(AgentRunArchive.TeamKey(Date, TeamId.Technology), env.ToJsonString());
        await AssertRefused(async () => await _archive.LoadTeamAsync(Date, TeamId.Technology, Ct), ArchiveVerdict.InvalidOutput, "the team output is partial");
    }

    [Fact]
    public async Task Save_failure_returns_false_with_a_wont_be_resumable_warning()
    {
        var archive = new AgentRunArchive(new ThrowingStore(), dryRunNamespace: false, _h.Logger);
        Assert.False(await archive.SaveMacroAsync(Date, Sample.Macro(), Sample.Provenance(), Ct));
        var w = Assert.Single(Warnings());
        Assert.Equal(AgentRunArchive.SaveFailedEvent.Id, w.Id.Id);
        Assert.Contains("IOException: disk full", w.Message);
        Assert.Contains("won't be resumable", w.Message);
    }

    [Fact]
    public async Task Read_failure_is_refused_not_thrown()
    {
        var archive = new AgentRunArchive(new ThrowingStore(), dryRunNamespace: false, _h.Logger);
        await AssertRefused(async () => await archive.LoadTeamAsync(Date, TeamId.Consumer, Ct), ArchiveVerdict.ReadFailed, "IOException: disk full");
    }

    [Fact]
    public async Task Save_that_times_out_in_the_store_returns_false_with_a_wont_be_resumable_warning()
    {
        // An HTTP timeout surfaces as TaskCanceledException although nobody cancelled the save.
        var archive = new AgentRunArchive(new TimingOutStore(), dryRunNamespace: false, _h.Logger);
        Assert.False(await archive.SaveTeamAsync(Date, Sample.Team(TeamId.Technology), Sample.Provenance(), Ct));
        var w = Assert.Single(Warnings());
        Assert.Equal(AgentRunArchive.SaveFailedEvent.Id, w.Id.Id);
        Assert.Contains("TaskCanceledException: The request was canceled due to the configured HttpClient.Timeout", w.Message);
        Assert.Contains("won't be resumable", w.Message);
    }

    [Fact]
    public async Task Read_that_times_out_in_the_store_is_refused_not_thrown()
    {
        var archive = new AgentRunArchive(new TimingOutStore(), dryRunNamespace: false, _h.Logger);
        await AssertRefused(async () => await archive.LoadMacroAsync(Date, Ct), ArchiveVerdict.ReadFailed,
            "TaskCanceledException: The request was canceled due to the configured HttpClient.Timeout");
    }

    [Fact]
    public async Task A_cancelled_load_still_throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var archive = new AgentRunArchive(new TimingOutStore(), dryRunNamespace: false, _h.Logger);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => archive.LoadMacroAsync(Date, cts.Token));
        Assert.Empty(Warnings());
    }

    [Fact]
    public async Task Envelope_with_a_duplicated_key_is_refused_not_thrown()
    {
        await _archive.SaveMacroAsync(Date, Sample.Macro(), Sample.Provenance(), Ct);
        string text = Encoding.UTF8.GetString((await _h.Store.GetAsync(AgentRunArchive.AgentKey(Date, "macro"), Ct))!);
        await Write(AgentRunArchive.AgentKey(Date, "macro"), text.Replace("\"run_date\": \"2026-05-16\",", "\"run_date\": \"2026-05-16\", \"run_date\": \"2026-05-16\","));
        Assert.Null(await _archive.LoadMacroAsync(Date, Ct));
        var w = Assert.Single(Warnings());
        Assert.Equal(AgentRunArchive.RefusedEvent.Id, w.Id.Id);
        Assert.Contains("(CorruptJson)", w.Message);
    }

    [Fact]
    public async Task Team_with_a_null_recommendation_is_refused()
    {
        await _archive.SaveTeamAsync(Date, Sample.Team(TeamId.Technology), Sample.Provenance(), Ct);
        var env = await EnvelopeAt(AgentRunArchive.TeamKey(Date, TeamId.Technology));
        env["output"]!["recommendations"]!.AsArray().Add(null);
        await Write(AgentRunArchive.TeamKey(Date, TeamId.Technology), env.ToJsonString());
        await AssertRefused(async () => await _archive.LoadTeamAsync(Date, TeamId.Technology, Ct), ArchiveVerdict.InvalidOutput, "recommendations[1] is null");
    }

    [Fact]
    public async Task Cio_with_a_null_entry_thesis_is_refused()
    {
        await _archive.SaveCioAsync(Date, Sample.Cio(["NVDA"]), Sample.Provenance(), Ct);
        var env = await EnvelopeAt(AgentRunArchive.AgentKey(Date, "cio"));
        env["output"]!["entry_theses"]!["NVDA"] = null;
        await Write(AgentRunArchive.AgentKey(Date, "cio"), env.ToJsonString());
        await AssertRefused(async () => await _archive.LoadCioAsync(Date, Ct), ArchiveVerdict.InvalidOutput, "entry_theses['NVDA'] is null");
    }

    [Fact]
    public async Task Stub_or_sim_content_under_a_real_provider_is_never_persisted_in_the_real_namespace()
    {
        // e.g. provider 'anthropic' with ANTHROPIC_BASE_URL pointing at the simulator: the envelope would look real.
        Assert.False(await _archive.SaveTeamAsync(Date, Sample.Team(TeamId.Technology, "[DRY-RUN SIM] Strong fundamentals"), Sample.Provenance("anthropic"), Ct));
        Assert.Empty(await _h.KeysAsync());
        var w = Assert.Single(Warnings());
        Assert.Equal(AgentRunArchive.SaveSkippedEvent.Id, w.Id.Id);
        Assert.Equal("not persisting sector_team:technology for 2026-05-16: the output carries the [DRY-RUN marker at $.recommendations[0].bull_case (stub or simulator content never belongs in the real namespace)", w.Message);
    }

    [Fact]
    public async Task Stub_or_sim_content_under_a_real_provider_is_never_resumed_in_the_real_namespace()
    {
        await _archive.SaveMacroAsync(Date, Sample.Macro(), Sample.Provenance("anthropic"), Ct);
        var env = await EnvelopeAt(AgentRunArchive.AgentKey(Date, "macro"));
        env["output"]!["key_theme"] = "[DRY-RUN SIM] steady growth";
        await Write(AgentRunArchive.AgentKey(Date, "macro"), env.ToJsonString());
        await AssertRefused(async () => await _archive.LoadMacroAsync(Date, Ct), ArchiveVerdict.ProvenanceRefused,
            "the output carries the [DRY-RUN marker at $.key_theme (stub or simulator content is never resumed by a real run)");
    }

    private sealed class TimingOutStore : IObjectStore
    {
        private static TaskCanceledException Timeout() =>
            new("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", new TimeoutException());
        public string Location => "s3://slow";
        public Task<byte[]?> GetAsync(string key, CancellationToken ct) =>
            ct.IsCancellationRequested ? Task.FromCanceled<byte[]?>(ct) : Task.FromException<byte[]?>(Timeout());
        public Task<bool> ExistsAsync(string key, CancellationToken ct) => Task.FromException<bool>(Timeout());
        public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct) => Task.FromException(Timeout());
        public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct) => Task.FromException<bool>(Timeout());
        public Task DeleteAsync(string key, CancellationToken ct) => Task.FromException(Timeout());
        public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct) => Task.FromException<IReadOnlyList<string>>(Timeout());
    }

    private sealed class ThrowingStore : IObjectStore
    {
        public string Location => "broken";
        public Task<byte[]?> GetAsync(string key, CancellationToken ct) => throw new IOException("disk full");
        public Task<bool> ExistsAsync(string key, CancellationToken ct) => throw new IOException("disk full");
        public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct) => throw new IOException("disk full");
        public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct) => throw new IOException("disk full");
        public Task DeleteAsync(string key, CancellationToken ct) => throw new IOException("disk full");
        public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct) => throw new IOException("disk full");
    }
}
