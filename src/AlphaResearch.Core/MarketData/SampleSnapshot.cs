namespace AlphaResearch.MarketData;

/// <summary>
/// Finds the sample snapshot (samples/sp500-mit) that ships with the binary: the CLI copies it next to its
/// assembly on build, publish and pack, so an installed tool finds it in its own folder. Only the assembly's
/// location is searched (then its parents, for programs built inside the repository), never the working directory.
/// </summary>
public static class SampleSnapshot
{
    public const string RelativePath = "samples/sp500-mit";

    public static string Locate() => TryLocate(AppContext.BaseDirectory)
        ?? throw new FileNotFoundException(
            $"the sample snapshot ({RelativePath}/snapshot.json) was not found in or above {AppContext.BaseDirectory} (the program's folder); " +
            "reinstall the tool, or pass --snapshot <folder> (build one with 'alpha-research snapshot import')");

    /// <summary>The first <c>samples/sp500-mit</c> holding snapshot.json in or above any of <paramref name="starts"/>, or null.</summary>
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
