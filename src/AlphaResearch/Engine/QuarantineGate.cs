using System.Text.Json;
using System.Text.Json.Nodes;
using AlphaResearch.Archive;
using AlphaResearch.Domain;
using AlphaResearch.Publishing;
using AlphaResearch.Llm;

namespace AlphaResearch.Engine;

/// <summary>A promotable surface carries stub output, or a team is not complete: nothing may be written (R6).</summary>
public sealed class StubQuarantineException(string surface, string? path, string message) : Exception(message)
{
    /// <summary>signals_payload, brief, investment_theses, sector_team_outputs, entry_theses, cio_decisions, macro_report, calls or teams.</summary>
    public string Surface { get; } = surface;
    /// <summary>JSON path of the first hit ("$.buy_candidates[0].thesis_summary"); null for completeness failures.</summary>
    public string? Path { get; } = path;
}

/// <summary>
/// The last check before any promotion (reference §6.7): scans, in order, the exact signals payload that
/// will be written, the brief, the investment theses, the team outputs, the entry theses, the CIO
/// decisions and the macro report for the "[DRY-RUN" marker in any string (keys included), then refuses when any
/// call behind the run was answered by the simulator (<see cref="UsageRecord.Simulated"/>), then checks that all six
/// teams are present and neither failed nor partial.
/// </summary>
public static class QuarantineGate
{
    public const string Prefix = "STUB-QUARANTINE:";
    private const int MaxExcerpt = 160;

    /// <param name="calls">This process's calls behind the outcome (the ledger's records); the resumed agents' calls come from <see cref="ResearchOutcome.PriorCalls"/>.</param>
    /// <exception cref="StubQuarantineException">The first hit, naming surface, path and an excerpt.</exception>
    public static void Assert(PreparedPublication prepared, ResearchOutcome outcome, IEnumerable<UsageRecord>? calls = null)
    {
        Scan("signals_payload", prepared.SignalsPayload);
        Scan("brief", new JsonObject { ["markdown"] = prepared.BriefMarkdown, ["html"] = prepared.BriefHtml });
        Scan("investment_theses", ToNode(outcome.Theses));
        Scan("sector_team_outputs", ToNode(outcome.Teams.ToDictionary(kv => kv.Key.Id(), kv => kv.Value)));
        Scan("entry_theses", ToNode(outcome.Cio.EntryTheses));
        Scan("cio_decisions", ToNode(outcome.Cio.Decisions));
        Scan("macro_report", ToNode(outcome.Macro));

        // Provenance, not content: an answer with no strings carries no marker, but its response carried the header.
        var simulated = (calls ?? []).Concat(outcome.PriorCalls).Where(c => c.Simulated).ToList();
        if (simulated.Count > 0)
            throw new StubQuarantineException("calls", null,
                $"{Prefix} {simulated.Count} LLM call(s) behind this run were answered by the alpha-research simulator " +
                $"(response header {SimulatedResponses.Header}; first {simulated[0].AgentId}/{simulated[0].Label}) — refusing to promote simulated output");

        var missing = Teams.All.Where(t => !outcome.Teams.ContainsKey(t)).Select(t => t.Id()).ToList();
        if (missing.Count > 0)
            throw new StubQuarantineException("teams", null,
                $"{Prefix} sector team(s) missing: {string.Join(", ", missing)} — refusing to promote");
        var incomplete = Teams.All.Where(t => !outcome.Teams[t].Succeeded).Select(t => t.Id()).ToList();
        if (incomplete.Count > 0)
            throw new StubQuarantineException("teams", null,
                $"{Prefix} sector team(s) still flagged failed/partial: {string.Join(", ", incomplete)} — refusing to promote");
    }

    /// <summary>JSON path of the first string value or key carrying the [DRY-RUN marker, or null (also used by the archive).</summary>
    internal static string? FindMarker(JsonNode? node) => DryRunMarkerFinder.FindPath(node);

    private static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, JsonConventions.Options);

    private static void Scan(string surface, JsonNode? node)
    {
        if (DryRunMarkerFinder.Find(node, "$") is { } hit)
        {
            string excerpt = Excerpt(hit.Text);
            throw new StubQuarantineException(surface, hit.Path,
                $"{Prefix} {LlmProviders.DryRunMarker} marker in {surface} at {hit.Path}: \"{excerpt}\" — refusing to promote stub output");
        }
    }

    private static string Excerpt(string text)
    {
        int at = text.IndexOf(LlmProviders.DryRunMarker, StringComparison.Ordinal);
        int start = Math.Max(0, at - 40);
        string s = text.Substring(start, Math.Min(MaxExcerpt, text.Length - start)).ReplaceLineEndings(" ");
        return s.Length > MaxExcerpt ? s[..MaxExcerpt] : s;
    }
}
