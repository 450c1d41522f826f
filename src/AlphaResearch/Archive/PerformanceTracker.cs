using System.Text.Json.Nodes;
using AlphaResearch.Evaluation;
using AlphaResearch.MarketData;

namespace AlphaResearch.Archive;

/// <summary>
/// Keeps research.db's score_performance up to date: tracks a published run's signals and fills every window the
/// bars given now cover. Given a run's as-of view it can only fill windows that ended on or before the run date.
/// </summary>
public sealed class PerformanceTracker
{
    private readonly ResearchDatabase _database;
    public IReadOnlyList<int> Horizons { get; }

    public PerformanceTracker(string databasePath, IReadOnlyList<int>? horizons = null)
    {
        _database = new ResearchDatabase(databasePath);
        Horizons = horizons ?? ForwardReturns.DefaultHorizons;
    }

    /// <summary>Tracks the run's published signals (signals.json "signals"), then fills what the bars cover. Returns windows filled.</summary>
    public async Task<int> TrackPublishedAsync(DateOnly runDate, JsonObject signalsPayload, Func<string, double?> technicalScore,
        MarketSnapshot bars, CancellationToken ct)
    {
        await _database.TrackSignalsAsync(runDate, FromPayload(runDate, signalsPayload, technicalScore), Horizons, ct);
        return await RefreshAsync(bars, recomputeAll: false, ct);
    }

    /// <summary>Computes windows from <paramref name="bars"/> for pending rows (or every row) and stores those that now exist.</summary>
    public async Task<int> RefreshAsync(MarketSnapshot bars, bool recomputeAll, CancellationToken ct)
    {
        var rows = await _database.PerformanceAsync(onlyPending: !recomputeAll, ct);
        var computed = rows
            .Select(r => r with { Window = ForwardReturns.Compute(bars, r.Signal.Ticker, r.Signal.Sector, r.Signal.RunDate, r.Days) })
            .Where(r => r.Window is not null)
            .ToList();
        return computed.Count == 0 ? 0 : await _database.SaveWindowsAsync(computed, ct);
    }

    /// <summary>
    /// Tracks published runs that have no rows yet from their signals.json in <paramref name="store"/> (the run's
    /// namespace), with technical scores from the run's scanned universe. Returns the run dates tracked.
    /// </summary>
    public async Task<IReadOnlyList<DateOnly>> BackfillAsync(IObjectStore store, Func<DateOnly, string> signalsKey, CancellationToken ct)
    {
        var untracked = await _database.UntrackedPublishedRunsAsync(ct);
        if (untracked.Count == 0) return [];
        var technical = (await _database.ScannedUniverseAsync(ct)).ToDictionary(n => (n.RunDate, n.Ticker), n => n.TechnicalScore);
        var done = new List<DateOnly>();
        foreach (var date in untracked)
        {
            if (await store.GetAsync(signalsKey(date), ct) is not { } bytes) continue;
            if (JsonNode.Parse(bytes) is not JsonObject payload) continue;
            await _database.TrackSignalsAsync(date, FromPayload(date, payload, t => technical.TryGetValue((date, t), out var s) ? s : null), Horizons, ct);
            done.Add(date);
        }
        return done;
    }

    public Task<IReadOnlyList<PerformanceRow>> RowsAsync(CancellationToken ct) => _database.PerformanceAsync(onlyPending: false, ct);

    public Task<IReadOnlyList<ScannedName>> ScannedUniverseAsync(CancellationToken ct) => _database.ScannedUniverseAsync(ct);

    /// <summary>The payload's signals as tracked rows (wire strings as published).</summary>
    public static IReadOnlyList<TrackedSignal> FromPayload(DateOnly runDate, JsonObject signalsPayload, Func<string, double?> technicalScore)
    {
        var list = new List<TrackedSignal>();
        if (signalsPayload["signals"] is not JsonObject signals) return list;
        foreach (var (ticker, node) in signals)
        {
            if (node is not JsonObject s || s["signal"]?.GetValue<string>() is not { } signal) continue;
            list.Add(new TrackedSignal(runDate, ticker, signal, Number(s["score"]), technicalScore(ticker),
                Text(s["rating"]), Text(s["team_id"]), Text(s["sector"]), Text(s["conviction"])));
        }
        return list;
    }

    private static string? Text(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    private static double? Number(JsonNode? n) => n is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
}
