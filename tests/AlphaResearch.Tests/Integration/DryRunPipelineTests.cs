using System.Text.Json.Nodes;
using AlphaResearch.Archive;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.Publishing;

namespace AlphaResearch.Tests.Integration;

/// <summary>The README's main job: all eight agents end-to-end on the embedded sample with the stub model.</summary>
public sealed class DryRunPipelineTests : IDisposable
{
    private readonly PipelineHarness _h = new();
    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Stub_dry_run_runs_all_eight_agents_and_writes_only_under_dry_run()
    {
        var (r, composition) = await _h.RunAsync(LlmProvider.Stub);

        Assert.Equal(RunStatus.Ok, r.Status);
        Assert.True(r.DryRun);
        // Every call's usage record names the prompt (id, version, body hash) it was rendered from.
        var records = composition.Services.Usage.Records;
        Assert.Equal(r.Usage.Calls, records.Count);
        Assert.All(records, u => Assert.Matches(@"^[a-z_]+@\d+#[0-9a-f]{12}(,[a-z_]+@\d+#[0-9a-f]{12})*$", u.Prompt));
        Assert.Contains(records, u => u.Label == "macro_economist" && u.Prompt!.StartsWith("macro_economist@", StringComparison.Ordinal));
        Assert.Equal("2025-01-10", r.RunDate);
        Assert.Equal(8, r.Agents.Count);
        Assert.All(r.Agents, a => Assert.Equal(AgentOutcomeKind.Ran, a.Outcome));
        Assert.All(r.Agents, a => Assert.True(a.Usage.Calls > 0, a.AgentId));
        Assert.StartsWith("STUB-QUARANTINE: [DRY-RUN marker in signals_payload", r.PromotionRefused);

        var keys = await _h.KeysAsync();
        Assert.All(keys, k => Assert.StartsWith("dry_run/", k));
        Assert.Contains("dry_run/signals/2025-01-10/signals.json", keys);
        Assert.Contains("dry_run/briefs/2025-01-10/brief.html", keys);
        Assert.Contains("dry_run/archive/agent_runs/2025-01-10/macro.json", keys);
        Assert.Contains("dry_run/archive/agent_runs/2025-01-10/cio.json", keys);
        Assert.Equal(6, keys.Count(k => k.StartsWith("dry_run/archive/sector_team_runs/2025-01-10/", StringComparison.Ordinal)));

        // The would-be signals.json honours the shipped contract (schema + semantic checks) and carries the marker.
        var payload = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_h.Root, "dry_run/signals/2025-01-10/signals.json"), TestContext.Current.CancellationToken))!.AsObject();
        var snapshot = AlphaResearch.Cli.Infrastructure.SnapshotOpener.Open(null);
        new SignalsContractValidator().Validate(payload, snapshot.AsOf(new DateOnly(2025, 1, 10)));
        Assert.Contains(LlmProviders.DryRunMarker, payload.ToJsonString());
        Assert.NotEmpty(payload["population"]!.AsArray());
    }

    [Fact]
    public async Task Second_week_reads_the_first_weeks_population_and_theses()
    {
        var (week1, _) = await _h.RunAsync(LlmProvider.Stub, new DateOnly(2025, 1, 3));
        Assert.Equal(RunStatus.Ok, week1.Status);

        var db = new ResearchDatabase(Path.Combine(_h.Root, "dry_run", "research.db"));
        var prior = await db.LoadAsync(new DateOnly(2025, 1, 10), TestContext.Current.CancellationToken);
        Assert.Equal(new DateOnly(2025, 1, 3), prior.PreviousRunDate);
        Assert.NotEmpty(prior.Population);
        Assert.All(prior.Population, p => Assert.True(prior.Theses.ContainsKey(p.Ticker), p.Ticker));

        var (week2, composition) = await _h.RunAsync(LlmProvider.Stub, new DateOnly(2025, 1, 10));
        Assert.Equal(RunStatus.Ok, week2.Status);

        // Every held name came back to its team as a held thesis to maintain (updated or carried with stale_days + 1).
        var teamOutputs = new List<AlphaResearch.Domain.SectorTeamOutput>();
        var archive = new AgentRunArchive(AlphaResearch.Archive.DryRunObjectStore.Wrap(_h.Store), dryRunNamespace: true,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        foreach (var team in AlphaResearch.Domain.Teams.All)
            teamOutputs.Add((await archive.LoadTeamAsync(new DateOnly(2025, 1, 10), team, TestContext.Current.CancellationToken))!);
        var maintained = teamOutputs.SelectMany(t => t.ThesisUpdates.Keys).ToHashSet();
        Assert.All(prior.Population, p => Assert.Contains(p.Ticker, maintained));

        // And week 2's published population starts from week 1's (entries are added, nobody vanished silently).
        var payload = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_h.Root, "dry_run/signals/2025-01-10/signals.json"), TestContext.Current.CancellationToken))!;
        var population2 = payload["population"]!.AsArray().Select(n => n!.GetValue<string>()).ToHashSet();
        var exited = payload["signals"]!.AsObject().Where(kv => kv.Value!["signal"]!.GetValue<string>() == "EXIT").Select(kv => kv.Key).ToHashSet();
        Assert.All(prior.Population, p => Assert.True(population2.Contains(p.Ticker) || exited.Contains(p.Ticker), p.Ticker));
        Assert.NotNull(composition);
    }
}
