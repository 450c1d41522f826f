using AlphaResearch.Domain;
using AlphaResearch.MarketData;

namespace AlphaResearch.Scoring;

/// <summary>Builds the run's <see cref="ScoreBoard"/>: indicators and technical scores for every constituent and benchmark, plus breadth.</summary>
/// <remarks>Single-threaded on purpose: ~900 tickers × 500 bars take a few milliseconds (see the Bench project).</remarks>
public static class ScoreBoardBuilder
{
    /// <param name="snapshot">The snapshot already cut at the run date (<see cref="MarketSnapshot.AsOf"/>).</param>
    public static ScoreBoard Build(MarketSnapshot snapshot, MarketRegime regime, ScoringConfig config)
    {
        var constituents = snapshot.Constituents;
        var indicators = new TechnicalIndicators?[constituents.Count];
        var momentum = new double[constituents.Count];
        var momentumIndex = new int[constituents.Count];
        int withMomentum = 0;
        for (int i = 0; i < constituents.Count; i++)
        {
            if (!snapshot.Prices.TryGetValue(constituents[i].Ticker, out var series)) continue;
            var ind = Indicators.Compute(series, config.MinHistoryBars);
            indicators[i] = ind;
            if (ind?.Momentum20d is { } m) { momentum[withMomentum] = m; momentumIndex[withMomentum++] = i; }
        }

        var percentile = PercentileRanks(momentum.AsSpan(0, withMomentum), momentumIndex.AsSpan(0, withMomentum), constituents.Count);

        var tickers = new Dictionary<string, TickerScores>(constituents.Count, StringComparer.OrdinalIgnoreCase);
        var sectors = new Dictionary<string, string>(constituents.Count, StringComparer.OrdinalIgnoreCase);
        var breadth = new BreadthCounter();
        for (int i = 0; i < constituents.Count; i++)
        {
            if (indicators[i] is not { } ind) continue;
            var c = constituents[i];
            double? pr = double.IsNaN(percentile[i]) ? null : percentile[i];
            var score = TechnicalScoring.Compute(ind, regime, config.Technical, c.Team, pr);
            tickers[c.Ticker] = new TickerScores(c.Ticker, ind, score);
            sectors[c.Ticker] = c.Sector;
            breadth.Add(ind);
        }

        // Benchmarks have no universe rank: their momentum sub-score uses the clamp(50 + 3·mom) fallback.
        var benchmarks = new Dictionary<string, TickerScores>(StringComparer.OrdinalIgnoreCase);
        foreach (var (symbol, series) in snapshot.Benchmarks)
        {
            if (Indicators.Compute(series, config.MinHistoryBars) is not { } ind) continue;
            benchmarks[symbol] = new TickerScores(symbol, ind, TechnicalScoring.Compute(ind, regime, config.Technical));
        }

        return new ScoreBoard
        {
            Date = snapshot.AsOfDate,
            Regime = regime,
            Tickers = tickers,
            Benchmarks = benchmarks,
            Breadth = breadth.Result(),
            TickerSectors = sectors,
        };
    }

    /// <summary>
    /// Percentile rank (0–100) of each value among <paramref name="values"/>, pandas <c>rank(pct=True)</c> style:
    /// average rank of ties / count · 100. Result is indexed by owner index; owners without a value get NaN.
    /// </summary>
    internal static double[] PercentileRanks(Span<double> values, Span<int> owners, int ownerCount)
    {
        var result = new double[ownerCount];
        Array.Fill(result, double.NaN);
        int n = values.Length;
        if (n == 0) return result;
        values.Sort(owners);
        int start = 0;
        while (start < n)
        {
            int end = start;
            while (end + 1 < n && values[end + 1] == values[start]) end++;
            double avgRank = (start + end) / 2.0 + 1; // 1-based average rank of the tie group
            double pct = avgRank / n * 100;
            for (int k = start; k <= end; k++) result[owners[k]] = pct;
            start = end + 1;
        }
        return result;
    }

    /// <summary>Breadth over scored constituents (reference §4.2 step 4).</summary>
    private sealed class BreadthCounter
    {
        private int _n, _withMa50, _aboveMa50, _withMa200, _aboveMa200, _advancers, _decliners;

        public void Add(TechnicalIndicators ind)
        {
            _n++;
            if (ind.PriceVsMa50 is { } p50) { _withMa50++; if (p50 > 0) _aboveMa50++; }
            if (ind.PriceVsMa200 is { } p200) { _withMa200++; if (p200 > 0) _aboveMa200++; }
            if (ind.Momentum5d is { } m5) { if (m5 > 0) _advancers++; else if (m5 < 0) _decliners++; }
        }

        /// <summary>Shares are over the names that have the moving average (1 dp); A/D = advancers / max(decliners, 1), 2 dp.</summary>
        public MarketBreadth Result() => new(
            Share(_aboveMa50, _withMa50),
            Share(_aboveMa200, _withMa200),
            Math.Round((double)_advancers / Math.Max(_decliners, 1), 2, MidpointRounding.AwayFromZero),
            _advancers, _decliners, _n);

        private static double Share(int count, int of) =>
            of == 0 ? 0 : Math.Round(100.0 * count / of, 1, MidpointRounding.AwayFromZero);
    }
}
