using System.Net.Http.Headers;

namespace AlphaResearch.Llm;

/// <summary>
/// Mutable state of one logical LLM call, shared by the middleware layers and the HTTP handler below the
/// SDK: attempts and waits (for the usage record) and the last HTTP response's status and headers (the
/// SDK's exceptions carry no headers, so retry-after and anthropic-ratelimit-* are read from here).
/// </summary>
internal sealed class LlmCallScope
{
    public int Attempts { get; set; }
    public int RateLimitWaits { get; set; }
    public double RateLimitWaitSeconds { get; set; }
    /// <summary>Each R1 wait in seconds, in order (for logs and tests).</summary>
    public List<double> Waits { get; } = [];

    /// <summary>Headers of the most recent HTTP response of this call (lower-case names), or null.</summary>
    public IReadOnlyDictionary<string, string>? LastHeaders { get; private set; }
    public int? LastStatus { get; private set; }

    /// <summary>
    /// Called as each response arrives (the governor corrects its buckets right then, so calls it admits
    /// afterwards are not forgotten by the correction).
    /// </summary>
    public Action<int, IReadOnlyDictionary<string, string>>? OnResponse { get; set; }

    /// <summary>When the retry layer started this call and its R1 deadline (for "N min left of 75" in wait logs).</summary>
    public long StartedAt { get; set; }
    public TimeSpan Deadline { get; set; }

    /// <summary>
    /// Some response of this call (any attempt, count_tokens included) carried the simulator's signature
    /// (<see cref="SimulatedResponses.Header"/>). Sticky: never cleared between attempts.
    /// </summary>
    public bool Simulated { get; private set; }

    /// <summary>A replay of a journaled call the simulator answered: the replay is as simulated as the original.</summary>
    public void MarkSimulated() => Simulated = true;

    public void MarkSimulated(IReadOnlyDictionary<string, string> headers)
    {
        if (SimulatedResponses.IsSimulated(headers)) Simulated = true;
    }

    public void RecordResponse(int status, IReadOnlyDictionary<string, string> headers)
    {
        MarkSimulated(headers);
        LastStatus = status;
        LastHeaders = headers;
        OnResponse?.Invoke(status, headers);
    }

    public void ClearResponse()
    {
        LastStatus = null;
        LastHeaders = null;
    }

    public static IReadOnlyDictionary<string, string> Flatten(HttpResponseHeaders headers, HttpContentHeaders? content)
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in headers) d[h.Key.ToLowerInvariant()] = string.Join(",", h.Value);
        if (content is not null) foreach (var h in content) d[h.Key.ToLowerInvariant()] = string.Join(",", h.Value);
        return d;
    }
}
