namespace AlphaResearch.Tests.Architecture;

/// <summary>
/// The layer order of docs/ARCHITECTURE.md as data: which project owns which top-level namespace
/// (AlphaResearch.&lt;Name&gt;, sub-namespaces included), which namespaces each may use, which projects each
/// project may reference, and which packages the two bottom projects may depend on.
/// </summary>
internal static class LayerRules
{
    public static readonly IReadOnlyDictionary<string, string[]> NamespacesOfProject = new Dictionary<string, string[]>
    {
        ["AlphaResearch.Llm"] = ["Llm"],
        ["AlphaResearch.Core"] = ["Domain", "MarketData", "Evaluation", "Scoring"],
        ["AlphaResearch"] = ["Agents", "Archive", "Publishing", "Engine", "Config", "Hosting"],
        ["AlphaResearch.Scale"] = ["Scale"],
        ["AlphaResearch.Cli"] = ["Cli"],
    };

    private static readonly string[] CoreNs = ["Domain", "MarketData", "Evaluation", "Scoring"];
    private static readonly string[] BelowResearch = ["Llm", .. CoreNs];

    /// <summary>Namespace → the other namespaces it may use. Anything not listed is against the order.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> MayUse = new Dictionary<string, string[]>
    {
        ["Llm"] = [],
        ["Domain"] = [],
        ["MarketData"] = ["Domain"],
        // Scoring's PriorState carries the agents' scorecard (Evaluation.AgentScorecard).
        ["Scoring"] = ["Domain", "MarketData", "Evaluation"],
        // Evaluation (issue 12): forward returns, IC, bootstrap over the bars; a peer of Scoring.
        ["Evaluation"] = ["Domain", "MarketData"],
        ["Agents"] = BelowResearch,
        ["Archive"] = BelowResearch,
        ["Publishing"] = [.. BelowResearch, "Archive"],
        ["Engine"] = [.. BelowResearch, "Agents", "Archive", "Publishing"],
        ["Config"] = [.. BelowResearch, "Agents", "Archive", "Publishing", "Engine"],
        // Hosting is the library's composition root (AddAlphaResearch): it may use every research namespace.
        ["Hosting"] = [.. BelowResearch, "Agents", "Archive", "Publishing", "Engine", "Config"],
        // Scale: adapters over external services (Redis budget); above the library, below the CLI (docs/SCALE.md).
        ["Scale"] = [.. BelowResearch, "Agents", "Archive", "Publishing", "Engine", "Config", "Hosting"],
        ["Cli"] = [.. BelowResearch, "Agents", "Archive", "Publishing", "Engine", "Config", "Hosting", "Scale"],
    };

    public static readonly IReadOnlyDictionary<string, string[]> MayReferenceProjects = new Dictionary<string, string[]>
    {
        ["AlphaResearch.Llm"] = [],
        ["AlphaResearch.Core"] = [],
        ["AlphaResearch"] = ["AlphaResearch.Llm", "AlphaResearch.Core"],
        ["AlphaResearch.Scale"] = ["AlphaResearch", "AlphaResearch.Llm", "AlphaResearch.Core"],
        ["AlphaResearch.Cli"] = ["AlphaResearch", "AlphaResearch.Llm", "AlphaResearch.Core", "AlphaResearch.Scale"],
    };

    /// <summary>The gateway stands alone on M.E.AI, the Anthropic SDK and the OpenAI adapter; the core needs no package; Scale names its adapters.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> MayReferencePackages = new Dictionary<string, string[]>
    {
        ["AlphaResearch.Llm"] = ["Anthropic", "Microsoft.Extensions.AI", "Microsoft.Extensions.AI.OpenAI"],
        ["AlphaResearch.Core"] = [],
        // Scale: the org budget in Redis, the dispatch on Hangfire over PostgreSQL (Cronos validates --cron). docs/SCALE.md.
        ["AlphaResearch.Scale"] = ["StackExchange.Redis", "Hangfire.Core", "Hangfire.PostgreSql", "Npgsql", "Cronos"],
    };

    public static IEnumerable<string> AllNamespaces => MayUse.Keys;
}
