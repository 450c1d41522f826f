using System.Text.Json.Nodes;
using AlphaResearch.Llm;

namespace AlphaResearch.Archive;

/// <summary>
/// Finds the first string value or key carrying the dry-run marker in a JSON tree: the archive refuses to persist
/// such output in the real namespace, and the engine's quarantine gate refuses to promote it (R6).
/// </summary>
internal static class DryRunMarkerFinder
{
    /// <summary>JSON path of the first hit, or null.</summary>
    public static string? FindPath(JsonNode? node) => Find(node, "$")?.Path;

    public static (string Path, string Text)? Find(JsonNode? node, string path)
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
}
