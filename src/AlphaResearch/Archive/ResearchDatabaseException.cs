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
        $"research database '{path}': migration {version} ({description}) failed: {inner.Message}; the migration was rolled back. " +
        "The file may belong to another tool — move it aside and re-run to create a fresh database.", inner);
}
