using System.Diagnostics;
using System.Text.Json;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.Llm.Simulator;

namespace AlphaResearch.Tests.Integration;

/// <summary>
/// Issue 11, deliverable 1 with real processes: a date's lock left by a dead holder (a SIGKILLed run), then three
/// `alpha-research run --llm sim` processes started at the same moment (cron plus a person, twice). Each starter
/// talks to its own simulator, so what each one paid is counted separately at the LLM boundary. In every trial
/// exactly one proceeds and the other two end BUSY (exit 4) having sent no request. The winner runs to completion (OK,
/// exactly one run's requests) every time. Cost: 60 CLI process starts, about 75 s of CPU (process start-up and JIT
/// dominate; killing the winner early saved nothing measurable).
/// </summary>
public sealed class ConcurrentStartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Trials = 20;
    private const int Starters = 3;
    private const string RunDate = "2025-01-10"; // the embedded sample's last session
    private readonly List<AnthropicSimulator> _sims = [];
    private readonly List<string> _urls = [];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ar-conc-" + Guid.NewGuid().ToString("N"));

    public async ValueTask InitializeAsync()
    {
        for (int i = 0; i < Starters; i++)
        {
            var sim = new AnthropicSimulator(new SimulatorOptions { LatencyMs = 0, MsPerOutputToken = 0 });
            _urls.Add(await sim.StartAsync(TestContext.Current.CancellationToken));
            _sims.Add(sim);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sim in _sims) await sim.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Three_starters_after_a_dead_holder_exactly_one_runs_the_others_are_busy_and_pay_nothing()
    {
        var total = Stopwatch.StartNew();
        int? oneRun = null;
        int doublePays = 0;
        for (int trial = 0; trial < Trials; trial++)
        {
            string store = Path.Combine(_root, $"trial{trial}");
            await WriteDeadHoldersLock(store);
            int[] before = [.. _sims.Select(Paid)];

            var starters = Enumerable.Range(0, Starters).Select(i => CliProcess.Start(
                new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = "sk-ant-test-not-a-real-key", ["ANTHROPIC_BASE_URL"] = _urls[i] },
                "run", "--llm", "sim", "--store", store, "--date", RunDate, "--json")).ToList();
            var ends = await Task.WhenAll(starters.Select(p => p.WaitAsync(TimeSpan.FromMinutes(2))));
            foreach (var p in starters) p.Dispose();

            int[] paid = [.. _sims.Select((s, i) => Paid(s) - before[i])];
            var statuses = ends.Select(e => Status(e.Stdout)).ToList();
            string detail = $"trial {trial}: exit codes [{string.Join(",", ends.Select(e => e.Code))}], statuses [{string.Join(",", statuses)}], " +
                $"requests per starter [{string.Join(",", paid)}]; stderr: {string.Join(" | ", ends.Select(e => e.Stderr.Trim()))}";
            if (paid.Count(n => n > 0) > 1) doublePays++;

            Assert.True(ends.Count(e => e.Code == 4) == Starters - 1, detail);
            int winner = Array.FindIndex(ends, e => e.Code != 4);
            for (int i = 0; i < Starters; i++)
            {
                if (i == winner) continue;
                Assert.True(statuses[i] == "BUSY" && paid[i] == 0, detail);
            }
            Assert.True(ends[winner].Code == 0 && statuses[winner] == "OK", detail);
            // The winner pays for one run, the same every time (the simulator is deterministic).
            oneRun ??= paid[winner];
            Assert.True(paid[winner] == oneRun && paid.Sum() == oneRun, detail);
        }
        Assert.Equal(0, doublePays);
        output.WriteLine($"{Trials} trials x {Starters} starters 0 double-pays, {oneRun} requests per run, {total.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Model calls the simulator answered; free count_tokens checks (which the governor makes only when a call
    /// is near the edge of the budget, so their number varies with timing) and refused requests (429s) are not spend.</summary>
    private static int Paid(AnthropicSimulator sim) => sim.RequestLog.Count(e => e.Path == "/v1/messages" && e.Status == 200);

    /// <summary>A fresh-looking lock whose holder pid on this host has exited: taken over at once, not after the stale age.</summary>
    private static async Task WriteDeadHoldersLock(string store)
    {
        var now = DateTimeOffset.UtcNow;
        var info = new RunLockInfo("cron@host", CliProcess.DeadPid(), Environment.MachineName, "dead-holder", now, now);
        string path = Path.Combine(store, "dry_run", "locks", $"{RunDate}.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonConventions.Serialize(info)); // UTF-8 without a BOM, as the lock writes it
    }

    private static string Status(string stdout)
    {
        try
        {
            using var doc = JsonDocument.Parse(stdout);
            return doc.RootElement.GetProperty("status").GetString() ?? "?";
        }
        catch (JsonException)
        {
            return "unparseable";
        }
    }
}
