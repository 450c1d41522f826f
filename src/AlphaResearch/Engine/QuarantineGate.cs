using System.Text.Json;
using System.Text.Json.Nodes;
using AlphaResearch.Domain;
using AlphaResearch.Llm;

namespace AlphaResearch.Engine;

/// <summary>A promotable surface carries stub output, or a team is not complete: nothing may be written (R6).</summary>
public sealed class StubQuarantineException(string surface, string? path, string message) : Exception(message)
{
    /// <summary>signals_payload, brief, investment_theses, sector_team_outputs, entry_theses, cio_decisions, macro_report or teams.</summary>
    public string Surface { get; } = surface;
    /// <summary>JSON path of the first hit ("$.buy_candidates[0].thesis_summary"); null for completeness failures.</summary>
    public string? Path { get; } = path;
}

/// <summary>
/// The last check before any promotion (reference §6.7): scans, in order, the exact signals payload that
/// will be written, the brief, the investment theses, the team outputs, the entry theses, the CIO
/// decisions and the macro report for the "[DRY-RUN" marker in any string (keys included), then checks
/// that all six teams are present and neither failed nor partial.
/// </summary>
public static class QuarantineGate
{
    public const string Prefix = "STUB-QUARANTINE:";
    private const int MaxExcerpt = 160;

    /// <exception cref="StubQuarantineException">The first hit, naming surface, path and an excerpt.</exception>
    public static void Assert(PreparedPublication prepared, ResearchOutcome outcome)
    {
        Scan("signals_payload", prepared.SignalsPayload);
        Scan("brief", new JsonObject { ["markdown"] = prepared.BriefMarkdown, ["html"] = prepared.BriefHtml });
        Scan("investment_theses", ToNode(outcome.Theses));
        Scan("sector_team_outputs", ToNode(outcome.Teams.ToDictionary(kv => kv.Key.Id(), kv => kv.Value)));
        Scan("entry_theses", ToNode(outcome.Cio.EntryTheses));
        Scan("cio_decisions", ToNode(outcome.Cio.Decisions));
        Scan("macro_report", ToNode(outcome.Macro));

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
    internal static string? FindMarker(JsonNode? node) => Find(node, "$")?.Path;

    private static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, JsonConventions.Options);

    private static void Scan(string surface, JsonNode? node)
    {
        if (Find(node, "$") is { } hit)
        {
            string excerpt = Excerpt(hit.Text);
            throw new StubQuarantineException(surface, hit.Path,
                $"{Prefix} {LlmProviders.DryRunMarker} marker in {surface} at {hit.Path}: \"{excerpt}\" — refusing to promote stub output");
        }
    }

    private static (string Path, string Text)? Find(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    string childPath = IsPlainName(key) ? $"{path}.{key}" : $"{path}['{key}']";
                    if (key.Contains(LlmProviders.DryRunMarker, StringComparison.Ordinal)) return (childPath, key);
                    if (Find(child, childPath) is { } hit) return hit;
                }
                return null;
            case JsonArray arr:
                for (int i = 0; i < arr.Count; i++)
                {
                    if (Find(arr[i], $"{path}[{i}]") is { } hit) return hit;
                }
                return null;
            case JsonValue v when v.TryGetValue<string>(out var s) && s.Contains(LlmProviders.DryRunMarker, StringComparison.Ordinal):
                return (path, s);
            default:
                return null;
        }
    }

    private static bool IsPlainName(string key) => key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string Excerpt(string text)
    {
        int at = text.IndexOf(LlmProviders.DryRunMarker, StringComparison.Ordinal);
        int start = Math.Max(0, at - 40);
        string s = text.Substring(start, Math.Min(MaxExcerpt, text.Length - start)).ReplaceLineEndings(" ");
        return s.Length > MaxExcerpt ? s[..MaxExcerpt] : s;
    }
}
