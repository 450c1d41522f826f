using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using AlphaResearch.Archive;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Hosting;
using AlphaResearch.Llm;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AlphaResearch.Cli.Commands;

/// <summary>
/// `alpha-research bench backtest` — times a stub backtest of N weekly runs into a fresh temporary store (the
/// issue's target: 52 weekly stub runs in ≤ 60 s), then an `evaluate` of it. The run dates are the last N weekly
/// dates the snapshot supports, so with the sample (258 sessions, 60 bars of history needed) fewer than 52 may exist.
/// </summary>
public sealed class BenchBacktestCommand(IRunServicesFactory factory, CliOutput io) : AsyncCommand<BenchBacktestCommand.Settings>
{
    public sealed class Settings : GlobalSettings
    {
        [CommandOption("--weeks <N>")]
        [Description("Weekly runs to time (default 52; fewer when the snapshot has fewer weeks of history).")]
        public int Weeks { get; init; } = 52;

        [CommandOption("--snapshot <DIR>")]
        [Description("Market snapshot folder. Default: the embedded sample.")]
        public string? Snapshot { get; init; }

        public override ValidationResult Validate() =>
            Weeks is < 1 or > 520 ? ValidationResult.Error("--weeks must be between 1 and 520") : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var config = settings.LoadConfig();
        var load = Stopwatch.StartNew();
        var snapshot = SnapshotOpener.Open(settings.Snapshot);
        load.Stop();

        // The earliest date a run can score: the first session with min_bars of history, so every week has a universe.
        var spy = snapshot.Benchmarks[AlphaResearch.MarketData.MarketSnapshot.Spy];
        var first = spy.Dates[Math.Min(spy.Count - 1, Math.Max(0, snapshot.MinBars - 1))];
        var all = BacktestSchedule.Dates(snapshot, first, snapshot.AsOfDate, 7);
        var dates = all.Skip(Math.Max(0, all.Count - settings.Weeks)).ToList();

        var root = Path.Combine(Path.GetTempPath(), "ar-bench-backtest-" + Guid.NewGuid().ToString("N"));
        try
        {
            var runner = new ResearchRunner(factory, config, TimeProvider.System, NullLoggerFactory.Instance);
            var store = new FileSystemObjectStore(root);
            var result = await new BacktestRunner(runner, TimeProvider.System).RunAsync(store, LlmProvider.Stub, snapshot, dates, null, cancellationToken);
            var eval = Stopwatch.StartNew();
            var report = await Evaluator.EvaluateAsync(store, dryRun: true, snapshot, AlphaResearch.Evaluation.ForwardReturns.DefaultHorizons,
                config.Agents.PicksPerRun, update: true, cancellationToken);
            eval.Stop();

            string S(double s) => s.ToString("0.00", CultureInfo.InvariantCulture);
            var weekTimes = result.Weeks.Select(w => w.DurationSeconds).Order().ToArray();
            io.Out.WriteLine($"snapshot: {snapshot.Source} ({spy.Count} sessions, min_bars {snapshot.MinBars}); {all.Count} weekly run date(s) possible, {dates.Count} timed");
            if (dates.Count < settings.Weeks)
                io.Out.WriteLine($"note: the snapshot cannot give {settings.Weeks} weekly runs; measured {dates.Count}");
            io.Out.WriteLine($"snapshot load: {S(load.Elapsed.TotalSeconds)} s (once)");
            io.Out.WriteLine($"backtest: {result.Ran} stub run(s) {(result.Complete ? "OK" : "NOT complete")} in {S(result.Elapsed.TotalSeconds)} s " +
                             $"= {S(result.Elapsed.TotalSeconds / Math.Max(1, result.Weeks.Count))} s per run " +
                             $"(median {S(weekTimes.Length == 0 ? 0 : weekTimes[weekTimes.Length / 2])} s, max {S(weekTimes.LastOrDefault())} s); " +
                             $"52 runs at that rate ≈ {S(result.Elapsed.TotalSeconds / Math.Max(1, result.Weeks.Count) * 52)} s");
            io.Out.WriteLine($"evaluate: {S(eval.Elapsed.TotalSeconds)} s; finished windows {string.Join(", ", report.Horizons.Select(h => $"{h.Days}d={h.Count}"))}");
            foreach (var h in report.Horizons)
                io.Out.WriteLine($"  {h.Days}d: hit {EvaluateCommand.Share(h.HitRate)} mean α {EvaluateCommand.Pct(h.MeanAlpha)} IC {h.Ic?.ToString("0.000", CultureInfo.InvariantCulture) ?? "–"} (t {h.IcT?.ToString("0.00", CultureInfo.InvariantCulture) ?? "–"})" +
                                 $" | baseline hit {EvaluateCommand.Share(report.Baseline.First(b => b.Days == h.Days).HitRate)} mean α {EvaluateCommand.Pct(report.Baseline.First(b => b.Days == h.Days).MeanAlpha)}");
            return result.Complete ? ExitCodes.Ok : ExitCodes.Failed;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
