using System.Globalization;
using AlphaResearch.Domain;
using AlphaResearch.Evaluation;
using Microsoft.Data.Sqlite;

namespace AlphaResearch.Archive;

/// <summary>One score_performance row: a tracked signal at one horizon and its window once the bars have it.</summary>
public sealed record PerformanceRow(TrackedSignal Signal, int Days, ForwardWindow? Window);

/// <summary>score_performance (migration 4): the forward windows of every published signal (docs/EVALUATION.md).</summary>
internal sealed partial class ResearchDatabase
{
    /// <summary>
    /// Records the signals of a published run at each horizon, replacing that run date's rows (a re-publish tracks the
    /// signals it published, not the ones before). Windows start empty; <see cref="SaveWindowsAsync"/> fills them.
    /// </summary>
    public async Task TrackSignalsAsync(DateOnly runDate, IReadOnlyList<TrackedSignal> signals, IReadOnlyList<int> horizons, CancellationToken ct)
    {
        string date = WireNames.Date(runDate);
        await using var conn = await OpenAsync(ct);
        await using var tx = (SqliteTransaction)await conn.BeginTransactionAsync(ct);
        await Exec(conn, tx, "DELETE FROM score_performance WHERE run_date = $d", ct, ("$d", date));
        foreach (var s in signals.DistinctBy(s => s.Ticker, StringComparer.OrdinalIgnoreCase))
        foreach (int h in horizons.Distinct())
        {
            await Exec(conn, tx, """
                INSERT INTO score_performance(run_date, ticker, horizon_days, signal, score, technical_score, rating, team_id, sector, conviction)
                VALUES ($d, $t, $h, $sig, $score, $tech, $rating, $team, $sector, $conv)
                """, ct,
                ("$d", date), ("$t", s.Ticker), ("$h", h), ("$sig", s.Signal), ("$score", s.Score), ("$tech", s.TechnicalScore),
                ("$rating", s.Rating), ("$team", s.TeamId), ("$sector", s.Sector), ("$conv", s.Conviction));
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Every tracked row of the published runs, oldest first (<paramref name="onlyPending"/>: rows without a window).</summary>
    public async Task<IReadOnlyList<PerformanceRow>> PerformanceAsync(bool onlyPending, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        var rows = new List<PerformanceRow>();
        await using var r = await Reader(conn, $"""
            SELECT s.run_date, s.ticker, s.horizon_days, s.signal, s.score, s.technical_score, s.rating, s.team_id, s.sector, s.conviction,
                   s.end_date, s.start_close, s.end_close, s.stock_return, s.spy_return, s.alpha, s.log_alpha, s.sector_etf, s.sector_return, s.sector_excess
            FROM score_performance s JOIN published_runs p ON p.run_date = s.run_date
            {(onlyPending ? "WHERE s.end_date IS NULL" : "")}
            ORDER BY s.run_date, s.ticker, s.horizon_days
            """, ct, null);
        while (await r.ReadAsync(ct))
        {
            var runDate = ParseDate(r.GetString(0));
            var signal = new TrackedSignal(runDate, r.GetString(1), r.GetString(3), Dbl(r, 4), Dbl(r, 5), Str(r, 6), Str(r, 7), Str(r, 8), Str(r, 9));
            int days = r.GetInt32(2);
            ForwardWindow? window = r.IsDBNull(10) ? null : new ForwardWindow(days, runDate, ParseDate(r.GetString(10)),
                r.GetDouble(11), r.GetDouble(12), r.GetDouble(13), r.GetDouble(14), r.GetDouble(15), r.GetDouble(16),
                Str(r, 17), Dbl(r, 18), Dbl(r, 19));
            rows.Add(new PerformanceRow(signal, days, window));
        }
        return rows;
    }

    /// <summary>Stores computed windows (overwriting earlier ones: the bars they came from are the newest available). Returns rows updated.</summary>
    public async Task<int> SaveWindowsAsync(IReadOnlyList<PerformanceRow> rows, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await using var tx = (SqliteTransaction)await conn.BeginTransactionAsync(ct);
        int updated = 0;
        foreach (var row in rows)
        {
            if (row.Window is not { } w) continue;
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = """
                UPDATE score_performance SET end_date = $end, start_close = $c0, end_close = $c1, stock_return = $r, spy_return = $spy,
                  alpha = $a, log_alpha = $la, sector_etf = $etf, sector_return = $sr, sector_excess = $se
                WHERE run_date = $d AND ticker = $t AND horizon_days = $h
                """;
            foreach (var (name, value) in new (string, object?)[]
            {
                ("$end", WireNames.Date(w.EndDate)), ("$c0", w.StartClose), ("$c1", w.EndClose), ("$r", w.Return), ("$spy", w.SpyReturn),
                ("$a", w.Alpha), ("$la", w.LogAlpha), ("$etf", w.SectorEtf), ("$sr", w.SectorReturn), ("$se", w.SectorExcess),
                ("$d", WireNames.Date(row.Signal.RunDate)), ("$t", row.Signal.Ticker), ("$h", row.Days),
            })
                cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
            updated += await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return updated;
    }

    /// <summary>The scanned universe (technical score per name) of every published run: the baseline's input.</summary>
    public async Task<IReadOnlyList<ScannedName>> ScannedUniverseAsync(CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        var names = new List<ScannedName>();
        await using var r = await Reader(conn, """
            SELECT e.eval_date, e.ticker, e.sector, e.tech_score
            FROM scanner_evaluations e JOIN published_runs p ON p.run_date = e.eval_date
            WHERE e.tech_score IS NOT NULL AND e.sector IS NOT NULL
            ORDER BY e.eval_date, e.ticker
            """, ct, null);
        while (await r.ReadAsync(ct))
        {
            string sector = r.GetString(2);
            string? team = Sectors.IsCanonical(sector) ? Sectors.TeamOf(sector).Id() : null;
            names.Add(new ScannedName(ParseDate(r.GetString(0)), r.GetString(1), sector, team, r.GetDouble(3)));
        }
        return names;
    }

    /// <summary>Published run dates with no score_performance row (published before tracking existed, or a failed tracking step).</summary>
    public async Task<IReadOnlyList<DateOnly>> UntrackedPublishedRunsAsync(CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        var dates = new List<DateOnly>();
        await using var r = await Reader(conn, """
            SELECT p.run_date FROM published_runs p
            WHERE NOT EXISTS (SELECT 1 FROM score_performance s WHERE s.run_date = p.run_date)
            ORDER BY p.run_date
            """, ct, null);
        while (await r.ReadAsync(ct)) dates.Add(ParseDate(r.GetString(0)));
        return dates;
    }

    private static DateOnly ParseDate(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
