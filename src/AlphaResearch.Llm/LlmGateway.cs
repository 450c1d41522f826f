using Microsoft.Extensions.AI;

namespace AlphaResearch.Llm;

/// <summary>The composed gateway: one client per tier, the shared usage ledger and governor.</summary>
public sealed class LlmGateway : ILlmClients, IDisposable
{
    private readonly IReadOnlyDictionary<ModelTier, IChatClient> _clients;
    private readonly LlmConfig _config;
    private readonly List<IDisposable> _owned;
    private readonly LlmCallScopes? _scopes;

    internal LlmGateway(LlmProvider provider, LlmConfig config, IReadOnlyDictionary<ModelTier, IChatClient> clients, UsageLedger ledger,
        TokenGovernor? governor, TimeSpan retryDeadline, decimal runBudgetUsd, List<IDisposable> owned, LlmCallScopes? scopes = null)
    {
        _scopes = scopes;
        Provider = provider;
        _config = config;
        _clients = clients;
        Ledger = ledger;
        Governor = governor;
        RetryDeadline = retryDeadline;
        RunBudgetUsd = runBudgetUsd;
        _owned = owned;
    }

    public LlmProvider Provider { get; }
    public UsageLedger Ledger { get; }
    internal TokenGovernor? Governor { get; }
    public TimeSpan RetryDeadline { get; }
    public decimal RunBudgetUsd { get; }

    public IChatClient For(ModelTier tier) => _clients[tier];

    /// <summary>A limit the server reported (anthropic-ratelimit-{dimension}-limit, e.g. "input-tokens"), or null.</summary>
    public double? ServerLimit(string dimension) =>
        _scopes?.LatestHeaders is { } h && h.TryGetValue($"anthropic-ratelimit-{dimension}-limit", out var v)
        && double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;
    public string ModelId(ModelTier tier) => _config.ModelFor(tier);
    public int MaxOutputTokens(ModelTier tier) => _config.MaxOutputTokensFor(tier);

    public void Dispose()
    {
        foreach (var c in _clients.Values) c.Dispose();
        foreach (var d in _owned) d.Dispose();
        Governor?.Dispose();
    }
}
