using AlphaResearch.Archive;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.Llm.Simulator;
using Microsoft.Data.Sqlite;

namespace AlphaResearch.Tests.Integration;

/// <summary>
/// Issue 11, deliverables 3–4 end to end through the real gateway and the simulator: research.db's llm_usage holds
/// every paid call of the date exactly once, whichever process paid it and whether or not the ledger file survived,
/// and a ledger folder that cannot be written never fails a paid call.
/// </summary>
public sealed class CompleteUsageTests : IAsyncLifetime
{
    private const string Date = "2025-01-10";
    private readonly PipelineHarness _h = new();
    private AnthropicSimulator _sim = null!;
    private string _url = "";

    private string DryRoot => Path.Combine(_h.Root, "dry_run");
    private string DbPath => Path.Combine(DryRoot, "research.db");
    private string LedgerPath => Path.Combine(DryRoot, "ledger", $"usage-{Date}.jsonl");

    public async ValueTask InitializeAsync()
    {
        _sim = new AnthropicSimulator(new SimulatorOptions { LatencyMs = 0, MsPerOutputToken = 0 });
        _url = await _sim.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _sim.DisposeAsync();
        _h.Dispose();
    }

    private int PaidRequests => _sim.RequestLog.Count(e => e.Path == "/v1/messages" && e.Status == 200);

    private long UsageRows()
    {
        using var c = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*), COUNT(DISTINCT call_id) FROM llm_usage WHERE run_date = $d";
        cmd.Parameters.AddWithValue("$d", Date);
        using var r = cmd.ExecuteReader();
        r.Read();
        Assert.Equal(r.GetInt64(0), r.GetInt64(1)); // one row per call id
        return r.GetInt64(0);
    }

    private static void DeleteDatabase(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(path + suffix);
    }

    [Fact]
    public async Task Llm_usage_holds_every_paid_call_once_across_attempts_even_without_the_ledger_file()
    {
        var (first, _) = await _h.RunAsync(LlmProvider.Sim, baseUrl: _url);
        Assert.Equal(RunStatus.Ok, first.Status);
        int paid = PaidRequests;
        Assert.Equal(paid, UsageRows());

        // Another machine (no ledger file, no local research.db) redoes the date: every agent resumes, the calls
        // come from the envelopes.
        File.Delete(LedgerPath);
        DeleteDatabase(DbPath);
        var (resumed, _) = await _h.RunAsync(LlmProvider.Sim, baseUrl: _url, force: true);
        Assert.All(resumed.Agents, a => Assert.Equal(AgentOutcomeKind.Resumed, a.Outcome));
        Assert.Equal(paid, PaidRequests);
        Assert.Equal(paid, UsageRows());

        // The macro re-runs (its envelope is gone): its calls replay from the call journal, so nothing is paid twice.
        await _h.Store.DeleteAsync($"dry_run/{AgentRunArchive.AgentKey(DateOnly.Parse(Date), "macro")}", CancellationToken.None);
        var (remacro, _) = await _h.RunAsync(LlmProvider.Sim, baseUrl: _url, force: true);
        Assert.Equal(AgentOutcomeKind.Ran, AlphaResearch.Tests.Engine.EngineHarness.Agent(remacro, "macro").Outcome);
        Assert.Equal(paid, PaidRequests);

        // Without its journal entries the macro's new calls are paid and added; the earlier ones stay recorded, nothing twice.
        foreach (var key in await _h.Store.ListAsync("dry_run/journal/", CancellationToken.None)) await _h.Store.DeleteAsync(key, CancellationToken.None);
        await _h.Store.DeleteAsync($"dry_run/{AgentRunArchive.AgentKey(DateOnly.Parse(Date), "macro")}", CancellationToken.None);
        var (paidAgain, _) = await _h.RunAsync(LlmProvider.Sim, baseUrl: _url, force: true);
        Assert.Equal(AgentOutcomeKind.Ran, AlphaResearch.Tests.Engine.EngineHarness.Agent(paidAgain, "macro").Outcome);
        Assert.True(PaidRequests > paid);
        Assert.Equal(PaidRequests, UsageRows());
    }

    [Fact]
    public async Task An_unwritable_ledger_folder_is_a_warning_never_a_failed_call()
    {
        Directory.CreateDirectory(DryRoot);
        await File.WriteAllTextAsync(Path.Combine(DryRoot, "ledger"), "a file where the ledger folder should be", TestContext.Current.CancellationToken);
        var (r, composition) = await _h.RunAsync(LlmProvider.Sim, baseUrl: _url);

        Assert.Equal(RunStatus.Ok, r.Status);
        Assert.All(r.Agents, a => Assert.Equal(AgentOutcomeKind.Ran, a.Outcome));
        Assert.All(r.Agents, a => Assert.True(a.Persisted));
        Assert.Contains(r.Warnings, w => w.StartsWith($"could not append to the usage ledger {LedgerPath}", StringComparison.Ordinal)
            && w.Contains("retried at commit"));
        Assert.Equal(PaidRequests, composition.Services.Usage.Total.Calls);
        Assert.Equal(PaidRequests, UsageRows()); // research.db still records every call

        // The next attempt resumes every agent: nothing is paid again.
        int before = PaidRequests;
        var (again, _) = await _h.RunAsync(LlmProvider.Sim, baseUrl: _url, force: true);
        Assert.All(again.Agents, a => Assert.Equal(AgentOutcomeKind.Resumed, a.Outcome));
        Assert.Equal(before, PaidRequests);
    }
}
