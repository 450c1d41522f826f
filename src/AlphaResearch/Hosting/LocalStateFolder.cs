using System.Security.Cryptography;
using System.Text;
using AlphaResearch.Archive;

namespace AlphaResearch.Hosting;

/// <summary>
/// Where the files that must be local (the SQLite research database, the JSONL usage ledger) live for a
/// store: inside the store folder for a filesystem store (dry_run/ included), else in a per-store cache
/// folder whose research.db is synchronised with the store's "research.db" object.
/// </summary>
internal static class LocalStateFolder
{
    public static bool IsLocal(IObjectStore store) => !store.Location.StartsWith("s3://", StringComparison.OrdinalIgnoreCase);

    public static string For(IObjectStore store)
    {
        if (IsLocal(store)) return Path.GetFullPath(store.Location);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(store.Location)))[..16];
        var cacheRoot = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cacheRoot, "alpha-research", hash);
    }
}
