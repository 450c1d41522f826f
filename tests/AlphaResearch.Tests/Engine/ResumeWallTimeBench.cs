using System.Diagnostics;
using AlphaResearch.Engine;

namespace AlphaResearch.Tests.Engine;

/// <summary>
/// Bench-style figure (printed, not asserted): wall time of re-running a fully persisted date on the
/// filesystem store — 8 archive loads + validation, lock, deterministic steps, quarantine, commit.
/// The assertion is only the behaviour: zero agent calls.
/// </summary>
public sealed class ResumeWallTimeBench : IDisposable
{
    private readonly EngineHarness _h = new();
    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Fully_persisted_rerun_makes_zero_agent_calls_and_prints_its_wall_time()
    {
        await _h.RunAsync();
        int callsAfterFirst = _h.TotalAgentCalls;

        var first = Stopwatch.StartNew();
        var r = await _h.RunAsync(force: true);
        first.Stop();
        var times = new List<double>();
        for (int i = 0; i < 20; i++)
        {
            var sw = Stopwatch.StartNew();
            await _h.RunAsync(force: true);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();

        Assert.Equal(RunStatus.Ok, r.Status);
        Assert.All(r.Agents, a => Assert.Equal(AgentOutcomeKind.Resumed, a.Outcome));
        Assert.Equal(callsAfterFirst, _h.TotalAgentCalls);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"BENCH resume (fs store, 8 agents persisted): first {first.Elapsed.TotalMilliseconds:0.0} ms, median of 20 {times[10]:0.0} ms, max {times[^1]:0.0} ms");
    }
}
