using System.Text.Json.Nodes;
using AlphaResearch.Archive;
using AlphaResearch.Config;
using AlphaResearch.Engine;
using AlphaResearch.Hosting;
using AlphaResearch.Llm;
using AlphaResearch.MarketData;
using AlphaResearch.Tests.Evaluation;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlphaResearch.Tests.Hosting;

/// <summary>Backtests through the library (stub provider, the sample's bars) and the no-look-ahead property of tracking.</summary>
public sealed class BacktestRunnerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ar-btr-").FullName;
    private static readonly DateOnly Oct1 = new(2024, 10, 1), Oct8 = new(2024, 10, 8), Oct15 = new(2024, 10, 15);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private static BacktestRunner Runner() =>
        new(new ResearchRunner(new RunComposer(_ => null), new AlphaResearchConfig(), TimeProvider.System, NullLoggerFactory.Instance), TimeProvider.System);

    private string Store(string name) => Path.Combine(_root, name);
    private string Database(string name) => Path.Combine(Store(name), "dry_run", "research.db");

    private JsonObject Signals(string name, DateOnly date) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Store(name), "dry_run", "signals", $"{date:yyyy-MM-dd}", "signals.json")))!["signals"]!.AsObject();

    [Fact]
    public async Task Appending_later_bars_never_changes_a_runs_signals_and_only_fills_windows_that_now_have_data()
    {
        var full = SampleBars.Snapshot;
        var cut = full.AsOf(new DateOnly(2024, 11, 8)); // the same snapshot without its last nine weeks of bars
        var ct = TestContext.Current.CancellationToken;

        var a = await Runner().RunAsync(new FileSystemObjectStore(Store("cut")), LlmProvider.Stub, cut, [Oct1, Oct15], null, ct);
        var b = await Runner().RunAsync(new FileSystemObjectStore(Store("full")), LlmProvider.Stub, full, [Oct1, Oct15], null, ct);
        Assert.True(a.Complete && b.Complete);

        foreach (var date in new[] { Oct1, Oct15 })
            Assert.True(JsonNode.DeepEquals(Signals("cut", date), Signals("full", date)), $"signals of {date} differ with later bars");

        // The run at Oct 15 filled Oct 1's windows that ended by Oct 15 (5 and 10 sessions) and nothing later.
        var tracked = await new PerformanceTracker(Database("cut")).RowsAsync(ct);
        var oct1 = tracked.Where(r => r.Signal.RunDate == Oct1).ToList();
        Assert.NotEmpty(oct1);
        Assert.All(oct1.Where(r => r.Days <= 10), r => Assert.True(r.Window is not null && r.Window.EndDate <= Oct15));
        Assert.All(oct1.Where(r => r.Days == 21), r => Assert.Null(r.Window));
        Assert.All(tracked.Where(r => r.Signal.RunDate == Oct15), r => Assert.Null(r.Window));

        // Evaluating each store on its own bars: every window the cut bars have is identical with the full bars;
        // the full bars add only windows that end after the cut.
        await new PerformanceTracker(Database("cut")).RefreshAsync(cut, recomputeAll: true, ct);
        await new PerformanceTracker(Database("full")).RefreshAsync(full, recomputeAll: true, ct);
        var before = (await new PerformanceTracker(Database("cut")).RowsAsync(ct)).ToDictionary(r => (r.Signal.RunDate, r.Signal.Ticker, r.Days));
        var after = (await new PerformanceTracker(Database("full")).RowsAsync(ct)).ToDictionary(r => (r.Signal.RunDate, r.Signal.Ticker, r.Days));
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        int added = 0;
        foreach (var (key, row) in before)
        {
            Assert.Equal(row.Signal, after[key].Signal);
            if (row.Window is not null) Assert.Equal(row.Window, after[key].Window);
            else if (after[key].Window is { } w) { Assert.True(w.EndDate > cut.AsOfDate); added++; }
        }
        Assert.True(added > 0);
    }

    [Fact]
    public async Task A_killed_backtest_continues_where_it_stopped()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new FileSystemObjectStore(Store("killed"));
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var stopAfterWeek2 = new Progress(p => { if (p.Week == 2 && p.Result is not null) kill.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Runner().RunAsync(store, LlmProvider.Stub, SampleBars.Snapshot, [Oct1, Oct8, Oct15], stopAfterWeek2, kill.Token));

        var seen = new List<BacktestProgress>();
        var again = await Runner().RunAsync(store, LlmProvider.Stub, SampleBars.Snapshot, [Oct1, Oct8, Oct15], new Progress(seen.Add), ct);

        Assert.True(again.Complete);
        Assert.Equal([RunStatus.Skipped, RunStatus.Skipped, RunStatus.Ok], again.Weeks.Select(w => w.Status));
        Assert.Equal(["week 1 of 3", "week 2 of 3", "week 3 of 3"], seen.Where(p => p.Result is not null).Select(p => $"week {p.Week} of {p.Weeks}"));
        Assert.False(Directory.Exists(Path.Combine(Store("killed"), "signals")), "stub weeks live under dry_run/ only");

        // Week 3's brief shows the scorecard of weeks 1 and 2, whose 5-session windows ended by Oct 15 (Oct 8 and Oct 15).
        var brief = File.ReadAllText(Path.Combine(Store("killed"), "dry_run", "briefs", "2024-10-15", "brief.md"));
        Assert.Contains("## Scorecard (recent realised outcomes)", brief);
        Assert.Contains("Realised 5-session outcomes of 2 published run(s) 2024-10-01…2024-10-08 (windows ended by 2024-10-15", brief);
        var first = File.ReadAllText(Path.Combine(Store("killed"), "dry_run", "briefs", "2024-10-01", "brief.md"));
        Assert.Contains("No realised outcomes yet", first);
        var page = File.ReadAllText(Path.Combine(Store("killed"), "dry_run", "briefs", "2024-10-15", "brief.html"));
        Assert.Contains("aria-label=\"Sector modifiers (tilt = modifier − 1)\"", page);
        Assert.Contains("aria-label=\"Scorecard: mean realised 5-session alpha by rating (recent runs)\"", page);
    }

    [Fact]
    public void The_schedule_steps_weekly_and_moves_holidays_back_to_the_session_before()
    {
        // 2024-11-28 is Thanksgiving: that week's run researches Wednesday the 27th.
        var dates = BacktestSchedule.Dates(SampleBars.Snapshot, new DateOnly(2024, 11, 21), new DateOnly(2024, 12, 5), 7);
        Assert.Equal([new DateOnly(2024, 11, 21), new DateOnly(2024, 11, 27), new DateOnly(2024, 12, 5)], dates);
        Assert.Equal(14, BacktestSchedule.ParseEvery("2w"));
        Assert.Equal(3, BacktestSchedule.ParseEvery("3d"));
        Assert.Null(BacktestSchedule.ParseEvery("w"));
        Assert.Null(BacktestSchedule.ParseEvery("1m"));
        Assert.Throws<RunSetupException>(() => BacktestSchedule.Dates(SampleBars.Snapshot, new DateOnly(2025, 1, 1), new DateOnly(2024, 1, 1), 7));
    }

    private sealed class Progress(Action<BacktestProgress> report) : IProgress<BacktestProgress>
    {
        public void Report(BacktestProgress value) => report(value);
    }
}
