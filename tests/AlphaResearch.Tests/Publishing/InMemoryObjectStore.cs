using System.Collections.Concurrent;
using AlphaResearch.Archive;

namespace AlphaResearch.Tests.Publishing;

/// <summary>In-memory <see cref="IObjectStore"/> for publication tests; can be told to fail on chosen keys.</summary>
internal sealed class InMemoryObjectStore : IObjectStore
{
    private readonly ConcurrentDictionary<string, byte[]> _objects = new(StringComparer.Ordinal);

    /// <summary>Keys for which PutAsync throws IOException (a simulated crash/outage at that step).</summary>
    public Func<string, bool> FailOn { get; set; } = _ => false;

    /// <summary>Every successful put, in order.</summary>
    public List<string> PutLog { get; } = [];

    public string Location => "memory://test";

    public IReadOnlyDictionary<string, byte[]> Objects => _objects;

    public Task<byte[]?> GetAsync(string key, CancellationToken ct) => Task.FromResult(_objects.TryGetValue(key, out var b) ? b.ToArray() : null);

    public Task<bool> ExistsAsync(string key, CancellationToken ct) => Task.FromResult(_objects.ContainsKey(key));

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        if (FailOn(key)) throw new IOException($"simulated write failure for '{key}'");
        _objects[key] = content.ToArray();
        PutLog.Add(key);
        return Task.CompletedTask;
    }

    public async Task<bool> PutIfAbsentAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        if (_objects.ContainsKey(key)) return false;
        await PutAsync(key, content, ct);
        return true;
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        _objects.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>(_objects.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray());
}
