namespace AlphaResearch.Llm;

/// <summary>
/// Flows the current <see cref="LlmCallScope"/> down the async call chain (one instance per gateway, no static
/// state). The outermost layer begins a scope; inner layers and the HTTP handler find it in <see cref="Current"/>.
/// </summary>
internal sealed class LlmCallScopes
{
    private readonly AsyncLocal<LlmCallScope?> _current = new();

    public LlmCallScope? Current => _current.Value;

    /// <summary>Headers of the latest Messages response of any call (bench llm reads the server's limits from them).</summary>
    public IReadOnlyDictionary<string, string>? LatestHeaders { get; set; }

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
