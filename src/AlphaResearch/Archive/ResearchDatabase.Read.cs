using System.Globalization;
using AlphaResearch.Domain;
using Microsoft.Data.Sqlite;
using AlphaResearch.Scoring;

namespace AlphaResearch.Archive;

internal sealed partial class ResearchDatabase : IPriorStateReader
{
    /// <summary>
    /// State of the latest PUBLISHED run strictly before <paramref name="runDate"/>: its population, sector views and
    /// CIO decisions, and the latest thesis per ticker from published runs up to it. Empty on a fresh database.
    /// </summary>
    public async Task<PriorState> LoadAsync(DateOnly runDate, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        string? prev = (string?)await Scalar(conn, "SELECT MAX(run_date) FROM published_runs WHERE run_date < $d", ct, WireNames.Date(runDate));
        if (prev is null) return PriorState.Empty;

        var population = new List<PopulationEntry>();
        await using (var r = await Reader(conn, """
            SELECT symbol, sector, team_id, long_term_score, long_term_rating, conviction, price_target_upside, thesis_summary, entry_date, tenure_weeks
            FROM population WHERE run_date = $d ORDER BY symbol
            """, ct, prev))
        {
            while (await r.ReadAsync(ct))
            {
                population.Add(new PopulationEntry
                {
                    Ticker = r.GetString(0),
                    Sector = r.GetString(1),
                    TeamId = ParseTeam(Str(r, 2)),
                    LongTermScore = r.IsDBNull(3) ? 0 : r.GetDouble(3),
                    LongTermRating = ParseEnum(Str(r, 4), Rating.Hold),
                    Conviction = ParseEnum(Str(r, 5), Conviction.Stable),
                    PriceTargetUpside = Dbl(r, 6),
                    ThesisSummary = Str(r, 7) ?? "",
                    EntryDate = r.GetString(8),
                    TenureWeeks = r.GetInt32(9),
                });
            }
        }

        // Latest thesis per symbol among published runs up to prev (held names whose thesis was carried keep their last one).
        var theses = new Dictionary<string, Thesis>(StringComparer.OrdinalIgnoreCase);
        await using (var r = await Reader(conn, """
            SELECT t.symbol, t.sector, t.team_id, t.score, t.quant_score, t.qual_score, t.rating, t.bull_case, t.bear_case,
                   t.thesis_summary, t.catalysts, t.risks, t.date
            FROM investment_thesis t
            JOIN published_runs p ON p.run_date = t.date
            WHERE t.date <= $d
            ORDER BY t.symbol, t.date, t.run_time
            """, ct, prev))
        {
            while (await r.ReadAsync(ct))
            {
                string date = r.GetString(12);
                theses[r.GetString(0)] = new Thesis
                {
                    Ticker = r.GetString(0),
                    Sector = Str(r, 1),
                    TeamId = ParseTeam(Str(r, 2)),
                    FinalScore = Dbl(r, 3),
                    QuantScore = Dbl(r, 4),
                    QualScore = Dbl(r, 5),
                    Rating = ParseEnum<Rating>(Str(r, 6), Rating.Hold),
                    BullCase = Str(r, 7) ?? "",
                    BearCase = Str(r, 8) ?? "",
                    ThesisSummary = Str(r, 9) ?? "",
                    Catalysts = JsonConventions.Deserialize<string[]>(Str(r, 10) ?? "[]") ?? [],
                    Risks = JsonConventions.Deserialize<string[]>(Str(r, 11) ?? "[]") ?? [],
                    LastUpdated = date,
                    StaleDays = runDate.DayNumber - DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber,
                };
            }
        }

        string? report = null;
        await using (var r = await Reader(conn, "SELECT report_md FROM macro_reports WHERE run_date = $d", ct, prev))
        {
            if (await r.ReadAsync(ct)) report = Str(r, 0);
        }

        var views = new Dictionary<string, SectorView>();
        await using (var r = await Reader(conn, "SELECT sector, rating, modifier, rationale FROM sector_views WHERE run_date = $d ORDER BY sector", ct, prev))
        {
            while (await r.ReadAsync(ct))
                views[r.GetString(0)] = new SectorView(ParseEnum(r.GetString(1), SectorRating.MarketWeight), r.GetDouble(2), Str(r, 3) ?? "");
        }

        var decisions = new List<CioDecision>();
        await using (var r = await Reader(conn, """
            SELECT ticker, cio_decision, team_id, cio_rank, cio_conviction, rationale, rule_tags, entry_thesis
            FROM cio_evaluations WHERE eval_date = $d ORDER BY COALESCE(cio_rank, 999999), ticker
            """, ct, prev))
        {
            while (await r.ReadAsync(ct))
            {
                decisions.Add(new CioDecision
                {
                    Ticker = r.GetString(0),
                    Decision = ParseEnum(r.GetString(1), CioDecisionKind.Reject),
                    TeamId = ParseTeam(Str(r, 2)),
                    Rank = r.IsDBNull(3) ? null : r.GetInt32(3),
                    Conviction = r.IsDBNull(4) ? null : r.GetInt32(4),
                    Rationale = Str(r, 5) ?? "",
                    RuleTags = JsonConventions.Deserialize<string[]>(Str(r, 6) ?? "[]") ?? [],
                    EntryThesis = Str(r, 7) is { } json ? JsonConventions.Deserialize<Thesis>(json) : null,
                });
            }
        }

        return new PriorState
        {
            PreviousRunDate = DateOnly.ParseExact(prev, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Population = population,
            Theses = theses,
            SectorViews = views,
            CioDecisions = decisions,
            MacroReportMd = report,
        };
    }

    /// <summary>Whether the run date's publication was recorded (the marker written after signals.json).</summary>
    public async Task<bool> IsPublishedAsync(DateOnly runDate, CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        return await Scalar(conn, "SELECT 1 FROM published_runs WHERE run_date = $d", ct, WireNames.Date(runDate)) is not null;
    }

    /// <summary>Published run dates with their signals hash, oldest first.</summary>
    public async Task<IReadOnlyList<(string RunDate, string Sha256)>> PublishedRunsAsync(CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        var list = new List<(string, string)>();
        await using var r = await Reader(conn, "SELECT run_date, signals_sha256 FROM published_runs ORDER BY run_date", ct, null);
        while (await r.ReadAsync(ct)) list.Add((r.GetString(0), r.GetString(1)));
        return list;
    }

    private static async Task<object?> Scalar(SqliteConnection conn, string sql, CancellationToken ct, string? d)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        if (d is not null) cmd.Parameters.AddWithValue("$d", d);
        var v = await cmd.ExecuteScalarAsync(ct);
        return v is DBNull ? null : v;
    }

    private static async Task<SqliteDataReader> Reader(SqliteConnection conn, string sql, CancellationToken ct, string? d)
    {
        var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        if (d is not null) cmd.Parameters.AddWithValue("$d", d);
        return await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.Default, ct);
    }

    private static string? Str(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private static double? Dbl(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    private static TeamId? ParseTeam(string? id) => Teams.TryParse(id, out var t) ? t : null;

    /// <summary>Enum from its wire name (as written by <see cref="WireNames"/>); the fallback covers rows written by hand.</summary>
    private static T ParseEnum<T>(string? wire, T fallback) where T : struct, Enum =>
        wire is null ? fallback : JsonConventions.Deserialize<T?>($"\"{wire}\"") ?? fallback;
}
