using Microsoft.Extensions.Logging;

namespace AlphaResearch.Llm;

/// <summary>Options of <see cref="UsageLedgerChatClientBuilderExtensions.UseUsageLedger"/> (R7).</summary>
public sealed class UsageLedgerOptions
{
    /// <summary>Where records go; null: a new in-memory ledger (find it with <c>client.GetService&lt;UsageLedger&gt;()</c>).</summary>
    public UsageLedger? Ledger { get; set; }

    /// <summary>USD per million tokens by model; a model not listed is recorded at cost 0 with a warning.</summary>
    public IDictionary<string, ModelPrice> Prices { get; set; } = new Dictionary<string, ModelPrice>(StringComparer.Ordinal);

    /// <summary>The run (or day) each record belongs to, as written in the ledger.</summary>
    public string RunDate { get; set; } = "unknown";

    /// <summary>The model of calls without <c>ChatOptions.ModelId</c>; null: the inner client's <c>ChatClientMetadata.DefaultModelId</c>.</summary>
    public string? DefaultModel { get; set; }

    /// <summary>Ceiling on the ledger's total cost in USD; the call that crosses it completes, is recorded, then throws. ≤ 0: no ceiling.</summary>
    public decimal RunBudgetUsd { get; set; }

    /// <summary>Null: the builder's services' <see cref="System.TimeProvider"/>, else the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Null: the builder's services' <see cref="ILoggerFactory"/>, else no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    internal LlmCallScopes? Scopes { get; set; }

    internal void Validate(OptionsCheck check)
    {
        check.Require(!string.IsNullOrWhiteSpace(RunDate), nameof(RunDate), RunDate, "must be a non-empty label such as 2026-12-01");
        check.Require(Prices is not null, nameof(Prices), Prices, "must not be null (leave it empty to record cost 0)");
        foreach (var (model, p) in Prices ?? new Dictionary<string, ModelPrice>())
        {
            string at = $"{nameof(Prices)}[{model}]";
            check.Require(p is not null, at, null, "must not be null");
            if (p is null) continue;
            check.Require(p.InputPerMillion >= 0, $"{at}.{nameof(p.InputPerMillion)}", p.InputPerMillion, "must not be negative");
            check.Require(p.OutputPerMillion >= 0, $"{at}.{nameof(p.OutputPerMillion)}", p.OutputPerMillion, "must not be negative");
            check.Require(p.CacheReadPerMillion >= 0, $"{at}.{nameof(p.CacheReadPerMillion)}", p.CacheReadPerMillion, "must not be negative");
            check.Require(p.CacheWritePerMillion >= 0, $"{at}.{nameof(p.CacheWritePerMillion)}", p.CacheWritePerMillion, "must not be negative");
        }
    }
}
