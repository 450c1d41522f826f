using System.Text;
using System.Text.Json.Nodes;
using AlphaResearch.Domain;
using AlphaResearch.Llm;
using AlphaResearch.Archive;

namespace AlphaResearch.Publishing;

/// <summary>One object to write: store key and bytes.</summary>
internal sealed record PublishedObject(string Key, byte[] Content);

/// <summary>
/// Builds decision artifacts (pure): decision_artifacts/{date}/{agent}/artifact.json per agent (prompt refs, inputs
/// summary, the full decision record — rendered prompts, tool definitions, tool-loop transcript, final answers — the
/// output, usage and cost) and decision_artifacts/{date}/usage.jsonl (one line per LLM call). Everything is
/// passed through <see cref="Redactor"/>.
/// </summary>
internal static class DecisionArtifactBuilder
{
    /// <summary>2: adds decision_record (issue 13).</summary>
    public const int SchemaVersion = 2;

    /// <summary>Store-key-safe artifact folder for an agent id ("sector_team:technology" → "sector_team-technology").</summary>
    public static string KeySafe(string agentId) => agentId.Replace(':', '-');

    public static string TeamAgentId(TeamId team) => $"sector_team:{team.Id()}";

    public static IReadOnlyList<PublishedObject> Build(ResearchOutcome outcome, PublicationInputs inputs)
    {
        string date = WireNames.Date(outcome.Context.RunDate);
        var usage = inputs.Usage?.Records ?? [];
        var list = new List<PublishedObject>
        {
            Artifact(date, "macro", inputs, usage, MacroInputs(outcome), JsonConventions.Serialize(outcome.Macro)),
        };
        foreach (var (team, output) in outcome.Teams.OrderBy(kv => kv.Key))
            list.Add(Artifact(date, TeamAgentId(team), inputs, usage, TeamInputs(outcome, team, output), JsonConventions.Serialize(output)));
        list.Add(Artifact(date, "cio", inputs, usage, CioInputs(outcome), JsonConventions.Serialize(outcome.Cio)));

        var jsonl = new StringBuilder();
        foreach (var r in usage) jsonl.Append(JsonConventions.Serialize(r)).Append('\n');
        list.Add(new PublishedObject($"decision_artifacts/{date}/usage.jsonl", Encoding.UTF8.GetBytes(Redactor.Redact(jsonl.ToString()))));
        return list;
    }

    /// <summary>Ledger rows belonging to an artifact agent: exact id, or ids the gateway derives from it ("macro_critic", "sector_team:technology/qual", "technology").</summary>
    public static bool Belongs(string recordAgentId, string artifactAgentId)
    {
        if (string.Equals(recordAgentId, artifactAgentId, StringComparison.OrdinalIgnoreCase)) return true;
        string[] roots = artifactAgentId.StartsWith("sector_team:", StringComparison.Ordinal)
            ? [artifactAgentId, artifactAgentId["sector_team:".Length..]]
            : [artifactAgentId];
        foreach (var root in roots)
        {
            if (string.Equals(recordAgentId, root, StringComparison.OrdinalIgnoreCase)) return true;
            if (recordAgentId.Length > root.Length && recordAgentId.StartsWith(root, StringComparison.OrdinalIgnoreCase)
                && recordAgentId[root.Length] is ':' or '/' or '.' or '_' or '-') return true;
        }
        return false;
    }

    private static PublishedObject Artifact(string date, string agentId, PublicationInputs inputs, IReadOnlyList<UsageRecord> usage,
        JsonObject inputsSummary, string outputJson)
    {
        // The record travels inside the agent's output (so a resumed agent keeps it); the artifact shows it once, on top.
        var output = JsonNode.Parse(outputJson);
        JsonNode? record = null;
        if (output is JsonObject o && o.TryGetPropertyValue("record", out var r))
        {
            o.Remove("record");
            record = r;
        }
        var own = usage.Where(r => Belongs(r.AgentId, agentId)).ToArray();
        var totals = UsageTotals.Of(own);
        var prompts = new JsonArray(inputs.Prompts.GetValueOrDefault(agentId, [])
            .Select(p => (JsonNode?)new JsonObject { ["id"] = p.Id, ["version"] = p.Version, ["sha256"] = p.Sha256 }).ToArray());
        var artifact = new JsonObject
        {
            ["schema_version"] = SchemaVersion,
            ["run_date"] = date,
            ["agent_id"] = agentId,
            ["prompts"] = prompts,
            ["inputs_summary"] = inputsSummary,
            ["decision_record"] = record,
            ["output"] = output,
            ["usage"] = new JsonObject
            {
                ["calls"] = totals.Calls,
                ["input_tokens"] = totals.InputTokens,
                ["output_tokens"] = totals.OutputTokens,
                ["cache_read_tokens"] = totals.CacheReadTokens,
                ["cache_write_tokens"] = totals.CacheWriteTokens,
                ["rate_limit_waits"] = totals.RateLimitWaits,
                ["cost_usd"] = totals.CostUsd,
                ["models"] = new JsonArray(own.Select(r => r.Model).Distinct().Order(StringComparer.Ordinal).Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
            },
        };
        string text = Redactor.Redact(artifact.ToJsonString(JsonConventions.Indented));
        return new PublishedObject($"decision_artifacts/{date}/{KeySafe(agentId)}/artifact.json", Encoding.UTF8.GetBytes(text));
    }

    private static JsonObject MacroInputs(ResearchOutcome o) => new()
    {
        ["as_of"] = WireNames.Date(o.Context.Snapshot.AsOfDate),
        ["snapshot_fingerprint"] = o.Context.Snapshot.Fingerprint,
        ["constituents"] = o.Context.Snapshot.Constituents.Count,
        ["benchmarks"] = o.Context.Snapshot.Benchmarks.Count,
        ["macro_series"] = new JsonArray(o.Context.Snapshot.Macro.Keys.Order(StringComparer.Ordinal).Select(k => (JsonNode?)JsonValue.Create(k)).ToArray()),
        ["scoreboard_regime"] = WireNames.Of(o.Context.Scores.Regime),
        ["previous_run_date"] = o.Context.Prior.PreviousRunDate is { } d ? WireNames.Date(d) : null,
        ["prior_sector_views"] = o.Context.Prior.SectorViews.Count,
    };

    private static JsonObject TeamInputs(ResearchOutcome o, TeamId team, SectorTeamOutput output) => new()
    {
        ["team_id"] = team.Id(),
        ["sectors"] = new JsonArray(team.SectorsOf().Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
        ["team_universe"] = o.Context.Snapshot.TeamUniverse(team).Count(),
        ["held_names"] = o.Context.Prior.Population.Count(p => p.TeamId == team || (Sectors.IsCanonical(p.Sector) && Sectors.TeamOf(p.Sector) == team)),
        ["quant_ranked_picks"] = output.QuantRankedPicks.Count,
        ["recommendations"] = output.Recommendations.Count,
        ["thesis_updates"] = output.ThesisUpdates.Count,
        ["tool_calls"] = output.ToolCalls.Count,
    };

    private static JsonObject CioInputs(ResearchOutcome o) => new()
    {
        ["candidates"] = o.Theses.Count(t => !t.IsHeldUpdate),
        ["decisions"] = o.Cio.Decisions.Count,
        ["advanced"] = o.Cio.AdvancedTickers.Count,
        ["prior_population"] = o.Context.Prior.Population.Count,
        ["prior_decisions"] = o.Context.Prior.CioDecisions.Count,
        ["market_regime"] = WireNames.Of(o.Macro.MarketRegime),
    };
}
