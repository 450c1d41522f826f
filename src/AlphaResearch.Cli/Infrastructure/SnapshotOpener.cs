using AlphaResearch.Cli.Composition;
using AlphaResearch.Hosting;
using AlphaResearch.MarketData;

namespace AlphaResearch.Cli.Infrastructure;

/// <summary>Opens the snapshot a command names (default: the embedded sample) and resolves the run date on it (see <see cref="RunSnapshot"/>).</summary>
internal static class SnapshotOpener
{
    public static MarketSnapshot Open(string? folder, int? minBars = null) =>
        HostErrors.Translate(() => RunSnapshot.Open(folder, minBars));

    public static DateOnly ResolveRunDate(MarketSnapshot snapshot, DateOnly? requested) =>
        HostErrors.Translate(() => RunSnapshot.ResolveRunDate(snapshot, requested));
}
