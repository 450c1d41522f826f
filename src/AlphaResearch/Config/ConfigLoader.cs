using System.Text.Json;
using System.Text.Json.Serialization;
using AlphaResearch.Domain;

namespace AlphaResearch.Config;

/// <summary>A configuration file that cannot be used; the message names the file, the key and what to do.</summary>
public sealed class ConfigException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Loads <see cref="AlphaResearchConfig"/> from a JSON file (snake_case keys). Unknown keys are errors
/// so a typo never silently falls back to a default.
/// </summary>
public static class ConfigLoader
{
    public const string DefaultFileName = "alpha-research.json";

    private static readonly JsonSerializerOptions Strict = new(JsonConventions.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>
    /// <paramref name="path"/> given → it must exist. Otherwise ./alpha-research.json is used when present,
    /// else the built-in defaults.
    /// </summary>
    public static AlphaResearchConfig Load(string? path)
    {
        if (path is null)
        {
            path = Path.Combine(Directory.GetCurrentDirectory(), DefaultFileName);
            if (!File.Exists(path)) return new AlphaResearchConfig();
        }
        else if (!File.Exists(path))
        {
            throw new ConfigException($"config file '{path}' not found — check the --config path (or omit it to use the defaults)");
        }
        return Parse(File.ReadAllText(path), path);
    }

    public static AlphaResearchConfig Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<AlphaResearchConfig>(json, Strict)
                ?? throw new ConfigException($"{source}: the file is empty or 'null' — write a JSON object such as {{}}");
        }
        catch (JsonException ex)
        {
            string where = ex.Path is { Length: > 1 } p ? $" at key '{p.TrimStart('$', '.')}'" : "";
            string line = ex.LineNumber is { } l ? $" (line {l + 1})" : "";
            string problem = ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? "unknown key (a typo? keys are snake_case)"
                : ex.Message.Contains("could not be converted to", StringComparison.Ordinal)
                    ? $"wrong type, expected {ExpectedType(ex.Message)}"
                    : FirstSentence(ex.Message);
            throw new ConfigException($"{source}{line}: invalid configuration{where}: {problem} — fix or remove that key (docs/CONFIGURATION.md lists every key)", ex);
        }
    }

    private static string ExpectedType(string message)
    {
        // "The JSON value could not be converted to System.Decimal. Path: $.llm.x | LineNumber: 0 | ..."
        string t = message[(message.IndexOf("converted to", StringComparison.Ordinal) + "converted to".Length)..].Trim();
        int space = t.IndexOf(' ');
        if (space > 0) t = t[..space];
        t = t.TrimEnd('.');
        return t switch
        {
            "System.Decimal" or "System.Double" or "System.Int32" or "System.Int64" => "a number",
            "System.Boolean" => "true or false",
            "System.String" => "a string",
            _ when t.Contains("Nullable", StringComparison.Ordinal) => "a value or null",
            _ when t.Contains("Dictionary", StringComparison.Ordinal) || t.Contains("Config", StringComparison.Ordinal) => "an object",
            _ when t.Contains("List", StringComparison.Ordinal) || t.Contains("[]", StringComparison.Ordinal) => "an array",
            _ => $"a {t.Split('.')[^1]}",
        };
    }

    private static string FirstSentence(string message)
    {
        int i = message.IndexOf(". ", StringComparison.Ordinal);
        return i > 0 ? message[..i] : message;
    }
}
