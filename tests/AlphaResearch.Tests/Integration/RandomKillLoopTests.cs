using System.Diagnostics;
using System.Text.Json;
using AlphaResearch.Archive;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.Llm.Simulator;

namespace AlphaResearch.Tests.Integration;

/// <summary>
/// Issue 11, deliverable 7: a seeded loop of SIGKILLs at random moments of a real `alpha-research run --llm sim`
/// process (one run date per round), each followed by a redrive. Every redrive ends OK, re-pays no agent that had
/// finished before the kill, and leaves no torn object and no temp file (leftovers are aged past the hour first, as
/// if the redrive came later: the sweep goes by age).
/// </summary>
public sealed class RandomKillLoopTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Seed = 20261201;
    private const int Kills = 10;
    // Trading sessions of the embedded sample (2025-01-09 was a market holiday: it maps to the 8th).
    private static readonly string[] Dates =
    [
        "2025-01-10", "2025-01-08", "2025-01-07", "2025-01-06", "2025-01-03", "2025-01-02", "2024-12-31",
        "2024-12-30", "2024-12-27", "2024-12-26", "2024-12-24", "2024-12-23", "2024-12-20", "2024-12-19", "2024-12-18", "2024-12-17",
        "2024-12-16", "2024-12-13", "2024-12-12", "2024-12-11", "2024-12-10",
    ];
    private const string WarmUpDate = "2024-12-09";
    private static readonly Dictionary<string, string> Env = new() { ["ANTHROPIC_API_KEY"] = "sk-ant-test-not-a-real-key" };
    private readonly PipelineHarness _h = new();
    private AnthropicSimulator _sim = null!;
    private string _url = "";

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_h.Root); // a kill may land before the run created it
        // A little latency so a run lasts a few seconds and a kill can land in any phase.
        _sim = new AnthropicSimulator(new SimulatorOptions { LatencyMs = 60, MsPerOutputToken = 0 });
        _url = await _sim.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _sim.DisposeAsync();
        _h.Dispose();
    }

    [Fact]
    public async Task Seeded_sigkills_at_random_moments_then_redrives_never_re_pay_and_leave_nothing_torn()
    {
        var rng = new Random(Seed);
        var total = Stopwatch.StartNew();
        // One unkilled run measures how long a run lasts here; kills land uniformly within that span.
        var warmUp = Stopwatch.StartNew();
        using (var cli = CliProcess.Start(new Dictionary<string, string>(Env) { ["ANTHROPIC_BASE_URL"] = _url },
            "run", "--llm", "sim", "--store", _h.Root, "--date", WarmUpDate, "--json"))
        {
            Assert.Equal(0, (await cli.WaitAsync(TimeSpan.FromMinutes(2))).Code);
        }
        int spanMs = (int)warmUp.Elapsed.TotalMilliseconds;
        int kills = 0, round = 0, rePaid = 0, tempFilesSeen = 0, finishedBeforeKill = 0;
        while (kills < Kills)
        {
            Assert.True(round < Dates.Length, $"only {kills} kills landed in {round} rounds");
            string date = Dates[round++];
            int delayMs = rng.Next(100, Math.Max(200, spanMs * 9 / 10));
            using (var cli = CliProcess.Start(new Dictionary<string, string>(Env) { ["ANTHROPIC_BASE_URL"] = _url },
                "run", "--llm", "sim", "--store", _h.Root, "--date", date, "--json"))
            {
                var exited = cli.WaitAsync(TimeSpan.FromMinutes(2));
                if (await Task.WhenAny(exited, Task.Delay(delayMs, TestContext.Current.CancellationToken)) == exited)
                {
                    finishedBeforeKill++; // the run beat the kill: no kill this round
                    continue;
                }
                cli.Kill();
                await exited;
                kills++;
            }

            AssertNothingTorn();
            tempFilesSeen += AgeTempFiles(TimeSpan.FromHours(2));
            var finished = (await _h.KeysAsync($"dry_run/archive/")).Where(k => k.Contains($"/{date}/", StringComparison.Ordinal))
                .Select(k => Path.GetFileNameWithoutExtension(k)).ToHashSet();

            var (redrive, composition) = await _h.RunAsync(LlmProvider.Sim, DateOnly.Parse(date), baseUrl: _url, env: Env);
            string where = $"round {round} ({date}, killed after {delayMs} ms with [{string.Join(",", finished)}] persisted): {redrive.Status} {redrive.Phase} {redrive.Reason}; " +
                $"archive now: [{string.Join(",", await _h.KeysAsync("dry_run/archive/"))}]";
            Assert.True(redrive.Status == RunStatus.Ok, where);
            var paid = composition.Services.Usage.Records.Select(r => AgentFile(r.AgentId)).ToHashSet();
            rePaid += paid.Count(finished.Contains);
            foreach (var a in redrive.Agents)
                Assert.True(a.Outcome == (finished.Contains(AgentFile(a.AgentId)) ? AgentOutcomeKind.Resumed : AgentOutcomeKind.Ran), $"{where}: {a.AgentId} {a.Outcome}");
            AssertNothingTorn();
            Assert.True(TempFiles().Count == 0, $"{where}: temp files left: {string.Join(", ", TempFiles())}");
        }
        Assert.Equal(0, rePaid);
        output.WriteLine($"seed {Seed}: a run lasts {spanMs} ms; {kills} SIGKILLs in {round} rounds ({finishedBeforeKill} run(s) beat the kill), 0 re-paid agents, " +
            $"{tempFilesSeen} temp file(s) left by kills and swept, {total.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>"sector_team:technology" → "technology", as the archive names its file (ledger ids may carry a suffix).</summary>
    private static string AgentFile(string agentId)
    {
        string id = agentId.StartsWith("sector_team:", StringComparison.Ordinal) ? agentId["sector_team:".Length..] : agentId;
        int cut = id.IndexOfAny(['/', ':', '.']);
        id = cut < 0 ? id : id[..cut];
        return id.StartsWith("macro", StringComparison.Ordinal) ? "macro" : id;
    }

    private List<string> TempFiles() =>
        [.. Directory.EnumerateFiles(_h.Root, "*", SearchOption.AllDirectories).Where(f => FileSystemObjectStore.IsTempFile(Path.GetFileName(f)))];

    private int AgeTempFiles(TimeSpan age)
    {
        var files = TempFiles();
        foreach (var f in files) File.SetLastWriteTimeUtc(f, DateTime.UtcNow - age);
        return files.Count;
    }

    private void AssertNothingTorn()
    {
        foreach (var file in Directory.EnumerateFiles(_h.Root, "*.json", SearchOption.AllDirectories))
        {
            if (FileSystemObjectStore.IsTempFile(Path.GetFileName(file))) continue;
            try
            {
                JsonDocument.Parse(File.ReadAllBytes(file)).Dispose();
            }
            catch (JsonException ex)
            {
                Assert.Fail($"torn object {file}: {ex.Message}");
            }
        }
    }
}
