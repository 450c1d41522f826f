namespace AlphaResearch.Archive;

/// <summary>The research database cannot be used; the message names the file and what to do.</summary>
public sealed class ResearchDatabaseException(string message, Exception? inner = null) : Exception(message, inner)
{
    public static ResearchDatabaseException NotADatabase(string path, Exception inner) => new(
        $"research database '{path}' is not a readable SQLite database ({inner.Message}); nothing was written. " +
        "Move the file aside (or restore it from a backup) and re-run — a fresh database is created on first use.", inner);

    public static ResearchDatabaseException NewerSchema(string path, int found, int known) => new(
        $"research database '{path}' has schema version {found}, newer than this alpha-research understands ({known}); nothing was written. " +
        "Upgrade alpha-research, or point the run at another database file.");

    public static ResearchDatabaseException MigrationFailed(string path, int version, string description, Exception inner) => new(
        $"research database '{path}': migration {version} ({description}) failed: {inner.Message}; the migration was rolled back and nothing was written. " +
        "Keep the file (it holds the research history) and report this with the message above; re-running is safe.", inner);

    /// <summary>A SQLite file with tables but no schema_version: not ours (a research database always has one).</summary>
    public static ResearchDatabaseException Foreign(string path, IReadOnlyList<string> tables) => new(
        $"research database '{path}' is a SQLite file of another tool (tables {string.Join(", ", tables.Take(5))}{(tables.Count > 5 ? ", …" : "")}, " +
        "no schema_version); nothing was written. Move the run to another store (--store); alpha-research never alters a file it did not create.");

    public static ResearchDatabaseException Busy(string path, TimeSpan waited, Exception inner) => new(
        $"research database '{path}' stayed locked by another process for {waited.TotalSeconds:0} s ({inner.Message}); nothing was written. " +
        "Another run or tool is writing it: wait for it to finish and re-run.", inner);
}
