namespace AlphaResearch.Archive;

/// <summary>A view of another store confined under a key prefix: every key is read, written and listed below it.</summary>
public sealed class PrefixedObjectStore : IObjectStore
{
    private readonly IObjectStore _inner;

    public PrefixedObjectStore(IObjectStore inner, string prefix)
    {
        if (!prefix.EndsWith('/')) prefix += "/";
        ObjectKeys.ValidatePrefix(prefix);
        _inner = inner;
        Prefix = prefix;
    }

    public string Prefix { get; }
    public string Location => $"{_inner.Location.TrimEnd('/')}/{Prefix.TrimEnd('/')}";

    public Task<byte[]?> GetAsync(string key, CancellationToken ct) => _inner.GetAsync(Map(key), ct);
    public Task<bool> ExistsAsync(string key, CancellationToken ct) => _inner.ExistsAsync(Map(key), ct);
    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct) => _inner.PutAsync(Map(key), content, ct);
    public Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct) => _inner.PutIfAbsentAsync(Map(key), content, ct);
    public Task DeleteAsync(string key, CancellationToken ct) => _inner.DeleteAsync(Map(key), ct);
    public Task<bool> HasAtomicCreateAsync(CancellationToken ct) => _inner.HasAtomicCreateAsync(ct);
    /// <summary>Sweeps the whole underlying store: a crashed run's leftovers are the same wherever they lie.</summary>
    public Task<int> SweepStaleTempFilesAsync(DateTimeOffset olderThan, CancellationToken ct) => _inner.SweepStaleTempFilesAsync(olderThan, ct);

    public async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct)
    {
        ObjectKeys.ValidatePrefix(prefix);
        var keys = await _inner.ListAsync(Prefix + prefix, ct);
        return keys.Select(k => k[Prefix.Length..]).ToList();
    }

    private string Map(string key) => Prefix + ObjectKeys.Validate(key);
}

/// <summary>
/// The dry-run namespace (R6): stub and simulator runs read and write only under "dry_run/", so a
/// real run, which uses the store root, can never see (or resume) their output.
/// </summary>
public static class DryRunObjectStore
{
    public const string Prefix = "dry_run/";

    public static IObjectStore Wrap(IObjectStore root) => new PrefixedObjectStore(root, Prefix);
}
