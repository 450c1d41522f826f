using System.Diagnostics;
using System.Text.Json;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.Llm.Simulator;

namespace AlphaResearch.Tests.Integration;

/// <summary>
/// R3 end to end: a real `alpha-research run` process is SIGKILLed mid-run; the re-run pays only for the
/// agents that had not finished (counted at the LLM boundary) and the store holds no torn object. The run uses
/// the sim provider: the same Anthropic SDK path as a real run, persisting (as a dry run) under dry_run/.
/// </summary>
public sealed class KillAndResumeTests : IAsyncLifetime
{
    private readonly PipelineHarness _h = new();
    private AnthropicSimulator _sim = null!;
    private string _url = "";

    public async ValueTask InitializeAsync()
    {
        // Slow responses so the kill lands while the sector teams are still working.
        _sim = new AnthropicSimulator(new SimulatorOptions { LatencyMs = 400, MsPerOutputToken = 0 });
        _url = await _sim.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _sim.DisposeAsync();
        _h.Dispose();
    }

    [Fact]
    public async Task Sigkill_mid_run_then_rerun_recalls_only_unfinished_agents()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = CliProcess.Binary();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { cli, "run", "--llm", "sim", "--store", _h.Root, "--json" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(cli)!,
        };
        start.Environment["ANTHROPIC_API_KEY"] = "sk-ant-test-not-a-real-key";
        start.Environment["ANTHROPIC_BASE_URL"] = _url;
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync(ct);
        _ = process.StandardError.ReadToEndAsync(ct);

        // Kill as soon as the macro economist has been persisted (the teams need several more seconds).
        string macroFile = Path.Combine(_h.Root, "dry_run", "archive", "agent_runs", "2025-01-10", "macro.json");
        var waited = Stopwatch.StartNew();
        while (!File.Exists(macroFile) && !process.HasExited && waited.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(20, ct);
        Assert.True(File.Exists(macroFile), "the CLI run never persisted the macro output");
        Assert.False(process.HasExited, "the CLI run finished before it could be killed");
        process.Kill(entireProcessTree: true); // SIGKILL
        await process.WaitForExitAsync(ct);

        var keysAfterKill = await _h.KeysAsync("dry_run/archive/");
        var finished = keysAfterKill.Select(k => Path.GetFileNameWithoutExtension(k)).ToHashSet();
        Assert.Contains("macro", finished);
        Assert.DoesNotContain("cio", finished);
        foreach (var key in await _h.KeysAsync())
        {
            if (key.EndsWith(".json", StringComparison.Ordinal))
                JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(_h.Root, key), ct)).Dispose(); // no torn object
        }

        int requestsBefore = _sim.RequestLog.Count(e => e.Path == "/v1/messages");
        var env = new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = "sk-ant-test-not-a-real-key" };
        var (rerun, composition) = await _h.RunAsync(LlmProvider.Sim, baseUrl: _url, env: env);

        // Persisted agents resumed; only the others were paid for, and each of them exactly once.
        foreach (var a in rerun.Agents)
        {
            string file = a.AgentId.StartsWith("sector_team:", StringComparison.Ordinal) ? a.AgentId["sector_team:".Length..] : a.AgentId;
            Assert.Equal(finished.Contains(file) ? AgentOutcomeKind.Resumed : AgentOutcomeKind.Ran, a.Outcome);
        }
        var paidAgents = composition.Services.Usage.Records.Select(r => r.AgentId).ToHashSet();
        Assert.DoesNotContain("macro", paidAgents);
        Assert.Equal(rerun.Agents.Where(a => a.Outcome == AgentOutcomeKind.Ran).Select(a => a.AgentId).ToHashSet(), paidAgents);
        Assert.Equal(_sim.RequestLog.Count(e => e.Path == "/v1/messages") - requestsBefore, composition.Services.Usage.Records.Sum(r => r.Attempts));
        Assert.Equal(RunStatus.Ok, rerun.Status);
        Assert.True(rerun.DryRun);
        Assert.StartsWith("STUB-QUARANTINE: [DRY-RUN marker", rerun.PromotionRefused); // simulator content is marked: never promoted
        Assert.DoesNotContain(await _h.KeysAsync(), k => !k.StartsWith("dry_run/", StringComparison.Ordinal));
    }
}
