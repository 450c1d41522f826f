using System.Text;
using System.Text.Json.Nodes;
using AlphaResearch.Archive;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.Tests.Engine;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Tests.Archive;

/// <summary>
/// R6 by provenance: an output whose calls the simulator answered (its responses carried the simulator header) never
/// enters or leaves the real namespace, whatever its content — an answer with empty lists carries no "[DRY-RUN" marker.
/// </summary>
public sealed class SimulatedProvenanceTests : IDisposable
{
    private static readonly DateOnly Date = Sample.RunDate;
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly EngineHarness _h = new();

    public void Dispose() => _h.Dispose();

    /// <summary>What the uncooperative simulator can answer: a successful team with no strings at all.</summary>
    private static SectorTeamOutput NoStrings(TeamId team) => new() { TeamId = team };

    private static UsageRecord Call(bool simulated) => new()
    {
        CallId = Guid.NewGuid().ToString("N"), RunDate = "2026-05-16", AgentId = "healthcare", Label = "quant:healthcare:react",
        Model = "claude-haiku-4-5", InputTokens = 100, OutputTokens = 10, Simulated = simulated,
    };

    private static AgentProvenance Provenance(params UsageRecord[] calls) => Sample.Provenance("anthropic") with { Calls = calls };

    private IReadOnlyList<string> Warnings() =>
        _h.Logger.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Warning).Select(r => r.Message).ToList();

    [Fact]
    public async Task A_team_with_no_strings_whose_calls_were_simulated_is_not_persisted_in_the_real_namespace()
    {
        var archive = _h.Archive();
        Assert.False(await archive.SaveTeamAsync(Date, NoStrings(TeamId.Healthcare), Provenance(Call(false), Call(true)), Ct));

        Assert.Empty(await _h.KeysAsync());
        var w = Assert.Single(Warnings());
        Assert.Contains("not persisting sector_team:healthcare", w);
        Assert.Contains($"1 LLM call(s) of sector_team:healthcare were answered by the alpha-research simulator (response header {SimulatedResponses.Header})", w);
    }

    [Fact]
    public async Task The_same_team_with_real_calls_is_persisted_and_the_dry_run_namespace_keeps_simulated_output()
    {
        Assert.True(await _h.Archive().SaveTeamAsync(Date, NoStrings(TeamId.Healthcare), Provenance(Call(false)), Ct));
        Assert.True(await _h.Archive(dryRun: true).SaveTeamAsync(Date, NoStrings(TeamId.Healthcare),
            Sample.Provenance("sim") with { Calls = [Call(true)], Simulated = true }, Ct));
        Assert.Equal(["archive/sector_team_runs/2026-05-16/healthcare.json", "dry_run/archive/sector_team_runs/2026-05-16/healthcare.json"],
            (await _h.KeysAsync()).Order(StringComparer.Ordinal));
        Assert.NotNull(await _h.Archive(dryRun: true).LoadTeamAsync(Date, TeamId.Healthcare, Ct));
    }

    [Theory]
    [InlineData("call")]
    [InlineData("provenance")]
    public async Task A_real_namespace_record_carrying_simulated_provenance_is_never_resumed(string where)
    {
        // Written before this guard existed (or by hand): the envelope says 'anthropic' and the output has no marker.
        var archive = _h.Archive();
        Assert.True(await archive.SaveTeamAsync(Date, NoStrings(TeamId.Healthcare), Provenance(Call(false)), Ct));
        string key = AgentRunArchive.TeamKey(Date, TeamId.Healthcare);
        var env = JsonNode.Parse(Encoding.UTF8.GetString((await _h.Store.GetAsync(key, Ct))!))!.AsObject();
        if (where == "call") env["provenance"]!["calls"]![0]!["simulated"] = true;
        else env["provenance"]!["simulated"] = true;
        await _h.Store.PutAsync(key, Encoding.UTF8.GetBytes(env.ToJsonString()), Ct);

        var inspection = await archive.InspectTeamAsync(Date, TeamId.Healthcare, Ct);
        Assert.Equal(ArchiveVerdict.ProvenanceRefused, inspection.Verdict);
        Assert.Contains("answered by the simulator", inspection.Detail);
        Assert.Null(await archive.LoadTeamAsync(Date, TeamId.Healthcare, Ct));
        Assert.Contains(Warnings(), m => m.Contains("RESUME REFUSED sector_team:healthcare") && m.Contains("(ProvenanceRefused)"));
    }

    [Fact]
    public void The_quarantine_gate_refuses_a_run_whose_calls_were_simulated_even_without_a_marker()
    {
        var (prepared, outcome) = QuarantineGateTests.Clean();
        QuarantineGate.Assert(prepared, outcome, [Call(false)]);

        var ex = Assert.Throws<StubQuarantineException>(() => QuarantineGate.Assert(prepared, outcome, [Call(false), Call(true)]));
        Assert.Equal("calls", ex.Surface);
        Assert.StartsWith("STUB-QUARANTINE: 1 LLM call(s) behind this run were answered by the alpha-research simulator", ex.Message);
        Assert.Contains("first healthcare/quant:healthcare:react", ex.Message);

        // A resumed agent's calls count too (its envelope's provenance).
        var resumed = Assert.Throws<StubQuarantineException>(() => QuarantineGate.Assert(prepared, outcome with { PriorCalls = [Call(true)] }));
        Assert.Equal("calls", resumed.Surface);
    }
}
