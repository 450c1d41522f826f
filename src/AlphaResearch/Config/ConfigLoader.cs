using System.Text.Json;
using System.Text.Json.Serialization;
using AlphaResearch.Domain;

namespace AlphaResearch.Config;

/// <summary>A configuration file that cannot be used; the message names the file, the key and what to do.</summary>
public sealed class ConfigException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Loads <see cref="AlphaResearchConfig"/> from its sources (JSON file, environment, command line; snake_case keys).
/// Unknown keys are errors so a typo never silently falls back to a default.
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
    /// else the built-in defaults. Environment variables ALPHA_RESEARCH__SECTION__KEY and then
    /// <paramref name="commandLine"/> overrides (key=value) win over the file (see <see cref="ConfigSources"/>).
    /// </summary>
    public static AlphaResearchConfig Load(string? path, System.Collections.IDictionary? environment = null, IEnumerable<string>? commandLine = null) =>
        ConfigBinder.Bind(ConfigSources.Build(path, environment, commandLine));

    public static AlphaResearchConfig Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<AlphaResearchConfig>(json, Strict)
                ?? throw new ConfigException($"{source}: the file is empty or 'null' — write a JSON object such as {{}}");
        }
        catch (JsonException ex)
        {
            throw new ConfigException(Describe(ex, source, ex.LineNumber), ex);
        }
    }

    /// <summary>"source (line n): invalid configuration at key 'a.b': problem — what to do".</summary>
    internal static string Describe(JsonException ex, string source, long? line)
    {
        string where = ex.Path is { Length: > 1 } p ? $" at key '{p.TrimStart('$', '.')}'" : "";
        string at = line is { } l ? $" (line {l + 1})" : "";
        string problem = ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "unknown key (a typo? keys are snake_case)"
            : ex.Message.Contains("could not be converted to", StringComparison.Ordinal)
                ? $"wrong type, expected {ExpectedType(ex.Message)}"
                : FirstSentence(ex.Message);
        return $"{source}{at}: invalid configuration{where}: {problem} — fix or remove that key (docs/CONFIGURATION.md lists every key)";
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
