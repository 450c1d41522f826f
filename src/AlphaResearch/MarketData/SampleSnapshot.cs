namespace AlphaResearch.MarketData;

/// <summary>
/// Finds the committed sample snapshot (samples/sp500-mit) by searching upward from the app's base
/// directory and from the current directory, so the CLI and tests work from any working directory.
/// </summary>
public static class SampleSnapshot
{
    public const string RelativePath = "samples/sp500-mit";

    public static string Locate() => TryLocate(AppContext.BaseDirectory, Directory.GetCurrentDirectory())
        ?? throw new FileNotFoundException(
            $"the sample snapshot ({RelativePath}/snapshot.json) was not found above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}; " +
            "pass --snapshot <folder> (build one with 'alpha-research snapshot import')");

    /// <summary>The first <c>samples/sp500-mit</c> holding snapshot.json above any of <paramref name="starts"/>, or null.</summary>
    public static string? TryLocate(params string[] starts)
    {
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, RelativePath);
                if (File.Exists(Path.Combine(candidate, SnapshotManifest.FileName))) return candidate;
            }
        }
        return null;
    }
}
