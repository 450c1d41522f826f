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
    public Action<IReadOnlyDictionary<string, string>>? OnResponse { get; set; }

    public void RecordResponse(int status, IReadOnlyDictionary<string, string> headers)
    {
        LastStatus = status;
        LastHeaders = headers;
        OnResponse?.Invoke(headers);
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

/// <summary>
/// Flows the current <see cref="LlmCallScope"/> down the async call chain (one instance per gateway, no static
/// state). The outermost layer begins a scope; inner layers and the HTTP handler find it in <see cref="Current"/>.
/// </summary>
internal sealed class LlmCallScopes
{
    private readonly AsyncLocal<LlmCallScope?> _current = new();

    public LlmCallScope? Current => _current.Value;

    /// <summary>Returns the current scope, or starts one for this async flow when none exists.</summary>
    public LlmCallScope Ensure()
    {
        if (_current.Value is { } s) return s;
        s = new LlmCallScope();
        _current.Value = s;
        return s;
    }

    public void Set(LlmCallScope? scope) => _current.Value = scope;
}

/// <summary>
/// Records status and headers of every response into the current call scope. Sits in the Anthropic SDK's
/// <c>ClientOptions.Handlers</c> (or under any HttpClient), so it sees 429s the SDK turns into header-less exceptions.
/// </summary>
internal sealed class ResponseCaptureHandler(LlmCallScopes scopes) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        scopes.Current?.RecordResponse((int)response.StatusCode, LlmCallScope.Flatten(response.Headers, response.Content?.Headers));
        return response;
    }
}
