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

    /// <summary>How long a connection waits for another process's write (a concurrent first open, a commit) before failing.</summary>
    internal static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        string? dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        var conn = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString());
        try
        {
            await conn.OpenAsync(ct);
            // busy_timeout first: switching a fresh file to WAL takes a write lock that concurrent first opens contend for.
            await ExecAsync(conn, null, $"PRAGMA busy_timeout={(int)BusyTimeout.TotalMilliseconds};", ct);
            await ExecAsync(conn, null, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;", ct);
            await MigrateAsync(conn, ct);
            return conn;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 26 /* NOTADB */ or 11 /* CORRUPT */)
        {
            await conn.DisposeAsync();
            throw ResearchDatabaseException.NotADatabase(Path, ex);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 /* BUSY */ or 6 /* LOCKED */)
        {
            await conn.DisposeAsync();
            throw ResearchDatabaseException.Busy(Path, BusyTimeout, ex);
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

    /// <summary>
    /// Applies pending migrations, safe under concurrent first opens (several runs starting on a fresh store): a quick
    /// read outside any transaction skips the common up-to-date case; otherwise one BEGIN IMMEDIATE transaction (one
    /// writer at a time, the others wait on busy_timeout) re-reads the applied versions and applies only what is
    /// still missing, so the second opener finds the first one's work done.
    /// </summary>
    private static async Task MigrateAsync(SqliteConnection conn, CancellationToken ct)
    {
        int known = Migrations.Max(m => m.Version);
        var applied = await AppliedVersionsAsync(conn, null, ct);
        if (applied is not null && applied.Count > 0 && applied.Max() > known)
            throw ResearchDatabaseException.NewerSchema(conn.DataSource, applied.Max(), known);
        if (applied is not null && Migrations.All(m => applied.Contains(m.Version))) return;

        await using var tx = conn.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: take the write lock now
        applied = await AppliedVersionsAsync(conn, tx, ct);
        if (applied is null)
        {
            var foreign = await UserTablesAsync(conn, tx, ct);
            if (foreign.Count > 0) throw ResearchDatabaseException.Foreign(conn.DataSource, foreign);
            await ExecAsync(conn, tx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)", ct);
            applied = [];
        }
        if (applied.Count > 0 && applied.Max() > known)
            throw ResearchDatabaseException.NewerSchema(conn.DataSource, applied.Max(), known);
        foreach (var m in Migrations.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
        {
            try
            {
                await ExecAsync(conn, tx, m.Sql, ct);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is 1 /* SQLITE_ERROR: e.g. an index on a column another tool's table lacks */)
            {
                throw ResearchDatabaseException.MigrationFailed(conn.DataSource, m.Version, m.Description, ex);
            }
            await using var ins = conn.CreateCommand();
            ins.Transaction = tx;
            ins.CommandText = "INSERT INTO schema_version(version, description, applied_at) VALUES ($v, $d, strftime('%Y-%m-%dT%H:%M:%SZ','now'))";
            ins.Parameters.AddWithValue("$v", m.Version);
            ins.Parameters.AddWithValue("$d", m.Description);
            await ins.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>The applied migration versions, or null when the file has no schema_version table (fresh or foreign).</summary>
    private static async Task<HashSet<int>?> AppliedVersionsAsync(SqliteConnection conn, SqliteTransaction? tx, CancellationToken ct)
    {
        await using (var probe = conn.CreateCommand())
        {
            probe.Transaction = tx;
            probe.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
            if ((long)(await probe.ExecuteScalarAsync(ct))! == 0) return null;
        }
        var applied = new HashSet<int>();
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT version FROM schema_version";
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) applied.Add(r.GetInt32(0));
        return applied;
    }

    private static async Task<List<string>> UserTablesAsync(SqliteConnection conn, SqliteTransaction tx, CancellationToken ct)
    {
        var names = new List<string>();
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) names.Add(r.GetString(0));
        return names;
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
        ["macro_reports"] = "run_date",
    };
}
