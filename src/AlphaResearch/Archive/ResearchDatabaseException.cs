namespace AlphaResearch.Archive;

/// <summary>The research database cannot be used; the message names the file and what to do.</summary>
public sealed class ResearchDatabaseException(string message, Exception? inner = null) : Exception(message, inner)
{
    public static ResearchDatabaseException NotADatabase(string path, Exception inner) => new(
        $"research database '{path}' is not a readable SQLite database ({inner.Message}); nothing was written. " +
        "Move the file aside (or restore it from a backup) and re-run — a fresh database is created on first use.", inner);
}
