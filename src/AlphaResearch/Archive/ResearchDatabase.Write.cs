using System.Text.Json.Nodes;
using AlphaResearch.Domain;
using AlphaResearch.Llm;
using Microsoft.Data.Sqlite;

namespace AlphaResearch.Archive;

internal sealed partial class ResearchDatabase
{
    /// <summary>
    /// Writes one run in ONE transaction that first deletes every row of that run date, so a re-publish after a
    /// crash replaces the run instead of duplicating it; usage rows are kept and only new calls added (R7). Does not touch <c>published_runs</c> (see <see cref="MarkPublishedAsync"/>).
    /// </summary>
    public async Task WriteRunAsync(ResearchOutcome outcome, JsonObject signalsPayload, IReadOnlyList<UsageRecord> usage, CancellationToken ct)
    {
        string date = WireNames.Date(outcome.Context.RunDate);
        string runTime = WireNames.UtcTime(outcome.RunTime);
        await using var conn = await OpenAsync(ct);
        await using var tx = (SqliteTransaction)await conn.BeginTransactionAsync(ct);

        foreach (var (table, col) in TableDateColumns)
        {
            if (table == UsageTable) continue; // usage rows record money spent; see InsertNewUsage
            await Exec(conn, tx, $"DELETE FROM {table} WHERE {col} = $d", ct, ("$d", date));
        }

        var signals = signalsPayload["signals"] as JsonObject ?? [];
        var population = outcome.Rotation.Population.ToDictionary(p => p.Ticker, StringComparer.OrdinalIgnoreCase);
        // One row per ticker (last thesis wins, as in the payload) so UNIQUE(symbol, date, run_time) holds.
        var theses = outcome.Theses.GroupBy(t => t.Ticker, StringComparer.OrdinalIgnoreCase).Select(g => g.Last()).ToArray();

        foreach (var t in theses)
        {
            var prior = outcome.Context.Prior.Theses.GetValueOrDefault(t.Ticker);
            await Exec(conn, tx, """
                INSERT INTO investment_thesis(symbol, date, run_time, rating, score, technical_score, quant_score, qual_score,
                  macro_modifier, thesis_summary, prev_rating, prev_score, stale_days, conviction, signal, price_target_upside,
                  sector, team_id, bull_case, bear_case, catalysts, risks, weighted_base, macro_shift, is_held_update)
                VALUES ($s, $d, $rt, $rating, $score, $tech, $q, $ql, $mm, $sum, $pr, $ps, 0, $conv, $sig, $ptu,
                  $sector, $team, $bull, $bear, $cat, $risk, $wb, $ms, $held)
                """, ct,
                ("$s", t.Ticker), ("$d", date), ("$rt", runTime), ("$rating", WireNames.Of(t.Rating)), ("$score", t.FinalScore),
                ("$tech", outcome.Context.Scores.Get(t.Ticker)?.Score.Composite), ("$q", t.QuantScore), ("$ql", t.QualScore),
                ("$mm", outcome.Macro.ModifierOf(t.Sector)), ("$sum", t.ThesisSummary.Length > 0 ? t.ThesisSummary : t.BullCase),
                ("$pr", prior?.Rating is { } r ? WireNames.Of(r) : null), ("$ps", prior?.FinalScore),
                ("$conv", WireNames.Of(t.Conviction)), ("$sig", signals[t.Ticker]?["signal"]?.GetValue<string>()),
                ("$ptu", population.GetValueOrDefault(t.Ticker)?.PriceTargetUpside), ("$sector", t.Sector), ("$team", t.TeamId.Id()),
                ("$bull", t.BullCase), ("$bear", t.BearCase), ("$cat", Json(t.Catalysts)), ("$risk", Json(t.Risks)),
                ("$wb", t.WeightedBase), ("$ms", t.MacroShift), ("$held", t.IsHeldUpdate ? 1 : 0));

            await InsertHistory(conn, tx, date, t.Ticker, $"team:{t.TeamId.Id()}", t.IsHeldUpdate ? "held_update" : "recommendation",
                t.BullCase, t.BearCase, t.Catalysts, t.Risks, WireNames.Of(t.Conviction), t.FinalScore, t.QuantRationale, ct);
        }

        var thesisByTicker = theses.ToDictionary(t => t.Ticker, StringComparer.OrdinalIgnoreCase);
        foreach (var d in outcome.Cio.Decisions)
        {
            var t = thesisByTicker.GetValueOrDefault(d.Ticker);
            var entry = d.EntryThesis ?? outcome.Cio.EntryTheses.GetValueOrDefault(d.Ticker);
            string decision = WireNames.Of(d.Decision);
            await InsertHistory(conn, tx, date, d.Ticker, "ic:cio", "ic_" + decision.ToLowerInvariant(), entry?.BullCase ?? "", entry?.BearCase ?? "",
                entry?.Catalysts ?? [], entry?.Risks ?? [], d.Conviction?.ToString(System.Globalization.CultureInfo.InvariantCulture), t?.FinalScore, d.Rationale, ct);
            await Exec(conn, tx, """
                INSERT INTO cio_evaluations(ticker, eval_date, team_id, quant_score, qual_score, combined_score, macro_shift, final_score,
                  cio_decision, cio_conviction, cio_rank, rationale, rule_tags, entry_thesis, sector)
                VALUES ($t, $d, $team, $q, $ql, $cs, $ms, $fs, $dec, $conv, $rank, $rat, $tags, $entry, $sector)
                """, ct,
                ("$t", d.Ticker), ("$d", date), ("$team", (d.TeamId ?? t?.TeamId)?.Id()), ("$q", d.QuantScore ?? t?.QuantScore), ("$ql", d.QualScore ?? t?.QualScore),
                ("$cs", t?.WeightedBase), ("$ms", t?.MacroShift), ("$fs", d.FinalScore ?? t?.FinalScore), ("$sector", d.Sector ?? t?.Sector), ("$dec", decision), ("$conv", d.Conviction),
                ("$rank", d.Rank), ("$rat", d.Rationale), ("$tags", Json(d.RuleTags)), ("$entry", entry is null ? null : JsonConventions.Serialize(entry)));
        }

        foreach (var p in outcome.Rotation.Population)
        {
            await Exec(conn, tx, """
                INSERT INTO population(run_date, symbol, sector, team_id, long_term_score, long_term_rating, conviction,
                  price_target_upside, thesis_summary, entry_date, tenure_weeks)
                VALUES ($d, $s, $sector, $team, $lts, $ltr, $conv, $ptu, $sum, $entry, $tenure)
                """, ct,
                ("$d", date), ("$s", p.Ticker), ("$sector", p.Sector), ("$team", p.TeamId?.Id()), ("$lts", p.LongTermScore),
                ("$ltr", WireNames.Of(p.LongTermRating)), ("$conv", WireNames.Of(p.Conviction)), ("$ptu", p.PriceTargetUpside),
                ("$sum", p.ThesisSummary), ("$entry", p.EntryDate), ("$tenure", p.TenureWeeks));
        }

        foreach (var e in outcome.Rotation.Events)
        {
            bool entry = e.Type == RotationEventType.Entry;
            await Exec(conn, tx, """
                INSERT INTO population_history(date, event_type, ticker_in, ticker_out, sector, reason, score_in, score_out, cio_rank)
                VALUES ($d, $type, $in, $out, $sector, $reason, $si, $so, $rank)
                """, ct,
                ("$d", date), ("$type", WireNames.Of(e.Type)), ("$in", entry ? e.Ticker : null), ("$out", entry ? null : e.Ticker),
                ("$sector", e.Sector), ("$reason", e.Reason), ("$si", e.ScoreIn), ("$so", e.ScoreOut), ("$rank", e.CioRank));
        }

        var picked = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (teamId, output) in outcome.Teams)
        {
            var recommended = output.Recommendations.ToDictionary(r => r.Ticker, StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < output.QuantRankedPicks.Count; i++)
            {
                var pick = output.QuantRankedPicks[i];
                picked.Add(pick.Ticker);
                var sub = outcome.Context.Scores.Get(pick.Ticker)?.Score;
                await Exec(conn, tx, """
                    INSERT OR REPLACE INTO team_candidates(ticker, eval_date, team_id, quant_rank, quant_score, qual_score, team_recommended,
                      rsi_score, macd_score, ma50_score, ma200_score, momentum_score)
                    VALUES ($t, $d, $team, $rank, $q, $ql, $rec, $rsi, $macd, $ma50, $ma200, $mom)
                    """, ct,
                    ("$t", pick.Ticker), ("$d", date), ("$team", teamId.Id()), ("$rank", i + 1), ("$q", pick.QuantScore),
                    ("$ql", recommended.GetValueOrDefault(pick.Ticker)?.QualScore), ("$rec", recommended.ContainsKey(pick.Ticker) ? 1 : 0),
                    ("$rsi", sub?.Rsi), ("$macd", sub?.Macd), ("$ma50", sub?.Ma50), ("$ma200", sub?.Ma200), ("$mom", sub?.Momentum));
            }
            foreach (var r in output.Recommendations) picked.Add(r.Ticker);
        }

        foreach (var c in outcome.Context.Snapshot.Constituents)
        {
            var s = outcome.Context.Scores.Get(c.Ticker);
            if (s is null) continue;
            await Exec(conn, tx, """
                INSERT INTO scanner_evaluations(ticker, eval_date, sector, tech_score, quant_filter_pass, rsi_14, atr_pct, price_vs_ma200, current_price, avg_volume_20d)
                VALUES ($t, $d, $sector, $tech, $pass, $rsi, $atr, $ma200, $px, $vol)
                """, ct,
                ("$t", c.Ticker), ("$d", date), ("$sector", c.Sector), ("$tech", s.Score.Composite), ("$pass", picked.Contains(c.Ticker) ? 1 : 0),
                ("$rsi", s.Indicators.Rsi14), ("$atr", s.Indicators.AtrPct14 ?? s.Indicators.AtrPct20), ("$ma200", s.Indicators.PriceVsMa200),
                ("$px", s.Indicators.Price), ("$vol", s.Indicators.AvgVolume20d));
        }

        // A call with an id is inserted once ever (unique index); an id-less record (older ledgers) is matched field by field.
        var identified = usage.Where(u => u.CallId is not null).DistinctBy(u => u.CallId).ToList();
        foreach (var u in identified.Concat(await NewUsage(conn, tx, date, [.. usage.Where(u => u.CallId is null)], ct)))
        {
            await Exec(conn, tx, """
                INSERT OR IGNORE INTO llm_usage(call_id, run_date, agent_id, label, model, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
                  latency_ms, attempts, rate_limit_waits, rate_limit_wait_seconds, cost_usd, at)
                VALUES ($id, $d, $a, $l, $m, $in, $out, $cr, $cw, $lat, $att, $w, $ws, $cost, $at)
                """, ct,
                ("$id", u.CallId), ("$d", date), ("$a", u.AgentId), ("$l", u.Label), ("$m", u.Model), ("$in", u.InputTokens), ("$out", u.OutputTokens),
                ("$cr", u.CacheReadTokens), ("$cw", u.CacheWriteTokens), ("$lat", u.LatencyMs), ("$att", u.Attempts),
                ("$w", u.RateLimitWaits), ("$ws", u.RateLimitWaitSeconds), ("$cost", u.CostUsd.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("$at", WireNames.UtcTime(u.At)));
        }

        foreach (var (sector, view) in outcome.Macro.Sectors)
        {
            await Exec(conn, tx, "INSERT INTO sector_views(run_date, sector, market_regime, rating, modifier, rationale) VALUES ($d, $s, $reg, $r, $m, $why)", ct,
                ("$d", date), ("$s", sector), ("$reg", WireNames.Of(outcome.Macro.MarketRegime)), ("$r", WireNames.Of(view.Rating)),
                ("$m", view.Modifier), ("$why", view.Rationale));
        }

        await Exec(conn, tx, "INSERT INTO macro_reports(run_date, market_regime, key_theme, report_md) VALUES ($d, $reg, $theme, $md)", ct,
            ("$d", date), ("$reg", WireNames.Of(outcome.Macro.MarketRegime)), ("$theme", outcome.Macro.KeyTheme), ("$md", outcome.Macro.ReportMd));

        await tx.CommitAsync(ct);
    }

    /// <summary>Records that the run's signals.json was promoted (written last, after latest.json). Idempotent.</summary>
    public async Task MarkPublishedAsync(DateOnly runDate, DateTimeOffset publishedAt, string signalsSha256, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        await Exec(conn, null, """
            INSERT INTO published_runs(run_date, published_at, signals_sha256) VALUES ($d, $at, $sha)
            ON CONFLICT(run_date) DO UPDATE SET published_at = excluded.published_at, signals_sha256 = excluded.signals_sha256
            """, ct, ("$d", WireNames.Date(runDate)), ("$at", WireNames.UtcTime(publishedAt)), ("$sha", signalsSha256));
    }

    private const string UsageTable = "llm_usage";

    /// <summary>
    /// The ledger records not yet stored for the run date. Usage rows are never deleted on a re-publish: a re-run that
    /// resumed its agents from the archive has an empty ledger, and the calls an earlier attempt paid for must stay
    /// recorded (R7). Rows already stored (same call: agent, label, model, tokens, time) are matched one for one.
    /// </summary>
    private static async Task<IReadOnlyList<UsageRecord>> NewUsage(SqliteConnection conn, SqliteTransaction tx, string date,
        IReadOnlyList<UsageRecord> usage, CancellationToken ct)
    {
        if (usage.Count == 0) return [];
        var stored = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var cmd = conn.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = $"SELECT agent_id, label, model, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, at FROM {UsageTable} WHERE run_date = $d";
            cmd.Parameters.AddWithValue("$d", date);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                string key = UsageKey(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetString(7));
                stored[key] = stored.GetValueOrDefault(key) + 1;
            }
        }
        var fresh = new List<UsageRecord>(usage.Count);
        foreach (var u in usage)
        {
            string key = UsageKey(u.AgentId, u.Label, u.Model, u.InputTokens, u.OutputTokens, u.CacheReadTokens, u.CacheWriteTokens, WireNames.UtcTime(u.At));
            if (stored.GetValueOrDefault(key) > 0) stored[key]--;
            else fresh.Add(u);
        }
        return fresh;
    }

    private static string UsageKey(string agent, string label, string model, long input, long output, long cacheRead, long cacheWrite, string at) =>
        string.Join('\u001f', agent, label, model, input, output, cacheRead, cacheWrite, at);

    private static Task InsertHistory(SqliteConnection conn, SqliteTransaction tx, string date, string ticker, string author, string type,
        string bull, string bear, IReadOnlyList<string> catalysts, IReadOnlyList<string> risks, string? conviction, double? score, string rationale,
        CancellationToken ct) =>
        Exec(conn, tx, """
            INSERT INTO thesis_history(ticker, run_date, author, thesis_type, bull_case, bear_case, catalysts, risks, conviction, score, rationale)
            VALUES ($t, $d, $a, $type, $bull, $bear, $cat, $risk, $conv, $score, $rat)
            """, ct,
            ("$t", ticker), ("$d", date), ("$a", author), ("$type", type), ("$bull", bull), ("$bear", bear), ("$cat", Json(catalysts)),
            ("$risk", Json(risks)), ("$conv", conviction), ("$score", score), ("$rat", rationale));

    private static string Json(IReadOnlyList<string> items) => JsonConventions.Serialize(items);

    private static async Task Exec(SqliteConnection conn, SqliteTransaction? tx, string sql, CancellationToken ct, params (string Name, object? Value)[] args)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
