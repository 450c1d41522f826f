using Microsoft.Data.Sqlite;

namespace AlphaResearch.Archive;

/// <summary>
/// The SQLite research database (reference §5.4): theses, population, CIO and team evaluations, scanner rows,
/// per-call LLM usage and the published-runs marker. One file, WAL journal, versioned migrations applied once
/// each inside a transaction. A missing file is created on first use.
/// </summary>
/// <remarks>Connections are opened per operation and not pooled, so the file is never held open between runs.</remarks>
internal sealed partial class ResearchDatabase
{
    public string Path { get; }

    public ResearchDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        string? dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var conn = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            await conn.OpenAsync(ct);
            await ExecAsync(conn, null, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;", ct);
            await MigrateAsync(conn, ct);
            return conn;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 26 /* NOTADB */ or 11 /* CORRUPT */)
        {
            await conn.DisposeAsync();
            throw ResearchDatabaseException.NotADatabase(Path, ex);
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates the file if needed and applies pending migrations; returns the applied versions.</summary>
    public async Task<IReadOnlyList<int>> EnsureCreatedAsync(CancellationToken ct)
    {
        await using var conn = await OpenAsync(ct);
        var versions = new List<int>();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT version FROM schema_version ORDER BY version";
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) versions.Add(r.GetInt32(0));
        return versions;
    }

    private static async Task MigrateAsync(SqliteConnection conn, CancellationToken ct)
    {
        await ExecAsync(conn, null, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)", ct);
        var applied = new HashSet<int>();
        await using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = "SELECT version FROM schema_version";
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) applied.Add(r.GetInt32(0));
        }
        int known = Migrations.Max(m => m.Version);
        if (applied.Count > 0 && applied.Max() > known)
            throw ResearchDatabaseException.NewerSchema(conn.DataSource, applied.Max(), known);
        foreach (var m in Migrations.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
        {
            await using var tx = (SqliteTransaction)await conn.BeginTransactionAsync(ct);
            try
            {
                await ExecAsync(conn, tx, m.Sql, ct);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is 1 /* SQLITE_ERROR: e.g. table exists with another shape */)
            {
                throw ResearchDatabaseException.MigrationFailed(conn.DataSource, m.Version, m.Description, ex);
            }
            await using var ins = conn.CreateCommand();
            ins.Transaction = tx;
            ins.CommandText = "INSERT INTO schema_version(version, description, applied_at) VALUES ($v, $d, strftime('%Y-%m-%dT%H:%M:%SZ','now'))";
            ins.Parameters.AddWithValue("$v", m.Version);
            ins.Parameters.AddWithValue("$d", m.Description);
            await ins.ExecuteNonQueryAsync(ct);
            await tx.CommitAsync(ct);
        }
    }

    private static async Task ExecAsync(SqliteConnection conn, SqliteTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Row count of a table for one run date (tests and diagnostics).</summary>
    internal async Task<long> CountAsync(string table, string dateColumn, string runDate, CancellationToken ct)
    {
        if (!TableDateColumns.TryGetValue(table, out var col) || col != dateColumn)
            throw new ArgumentException($"unknown table/date column '{table}.{dateColumn}'", nameof(table));
        await using var conn = await OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT COUNT(*) FROM {table} WHERE {col} = $d";
        cmd.Parameters.AddWithValue("$d", runDate);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Every per-run table and the column holding its run date (a re-publish deletes these rows first).</summary>
    internal static IReadOnlyDictionary<string, string> TableDateColumns { get; } = new Dictionary<string, string>
    {
        ["investment_thesis"] = "date",
        ["thesis_history"] = "run_date",
        ["population"] = "run_date",
        ["population_history"] = "date",
        ["cio_evaluations"] = "eval_date",
        ["team_candidates"] = "eval_date",
        ["scanner_evaluations"] = "eval_date",
        ["llm_usage"] = "run_date",
        ["sector_views"] = "run_date",
    };
}
