using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AlphaResearch.Domain;

namespace AlphaResearch.Agents;

/// <summary>A versioned prompt file: front matter (id, version) and a body with {placeholders}.</summary>
public sealed partial class PromptTemplate
{
    internal PromptTemplate(string resource, string id, string version, string body)
    {
        Resource = resource;
        Id = id;
        Version = version;
        Body = body;
        Ref = new PromptRef(id, version, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))));
        Placeholders = PlaceholderPattern().Matches(body).Select(m => m.Groups[1].Value).Distinct().ToArray();
    }

    public string Resource { get; }
    public string Id { get; }
    public string Version { get; }
    public string Body { get; }
    public PromptRef Ref { get; }
    public IReadOnlyList<string> Placeholders { get; }

    /// <summary>
    /// Replaces every {name}. A placeholder without a value, or a value the template does not use, is an
    /// error: both mean the code and the prompt file have drifted apart.
    /// </summary>
    public string Render(IReadOnlyDictionary<string, string> values)
    {
        var missing = Placeholders.Where(p => !values.ContainsKey(p)).ToArray();
        if (missing.Length > 0)
        {
            throw new PromptRenderException($"prompt '{Id}' ({Resource}): no value for placeholder(s) {string.Join(", ", missing.Select(m => "{" + m + "}"))}");
        }
        var unused = values.Keys.Where(k => !Placeholders.Contains(k)).ToArray();
        if (unused.Length > 0)
        {
            throw new PromptRenderException($"prompt '{Id}' ({Resource}): value(s) given for unknown placeholder(s) {string.Join(", ", unused)}");
        }
        return PlaceholderPattern().Replace(Body, m => values[m.Groups[1].Value]);
    }

    public string Render(params (string Key, object? Value)[] values) =>
        Render(values.ToDictionary(v => v.Key, v => Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));

    // Only {lower_snake} is a placeholder, so JSON examples such as {"ticker": ...} stay literal.
    [GeneratedRegex(@"\{([a-z][a-z0-9_]*)\}")]
    private static partial Regex PlaceholderPattern();
}

public sealed class PromptRenderException(string message) : Exception(message);

/// <summary>Loads the prompt files embedded as <c>prompts/*.md</c> and parses their front matter.</summary>
public sealed class PromptLibrary
{
    private readonly Dictionary<string, PromptTemplate> _byId;

    private PromptLibrary(Dictionary<string, PromptTemplate> byId) => _byId = byId;

    public IReadOnlyCollection<PromptTemplate> All => _byId.Values;

    public PromptTemplate this[string id] =>
        _byId.TryGetValue(id, out var t) ? t : throw new KeyNotFoundException($"no prompt with id '{id}' (embedded prompts/*.md)");

    public static PromptLibrary LoadEmbedded()
    {
        var asm = typeof(PromptLibrary).Assembly;
        var byId = new Dictionary<string, PromptTemplate>(StringComparer.Ordinal);
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith("prompts/", StringComparison.Ordinal)).Order())
        {
            using var stream = asm.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var t = Parse(name, reader.ReadToEnd());
            if (!byId.TryAdd(t.Id, t)) throw new InvalidDataException($"{name}: duplicate prompt id '{t.Id}'");
        }
        return new PromptLibrary(byId);
    }

    /// <summary>Front matter is the block between the first two "---" lines; id and version are required.</summary>
    public static PromptTemplate Parse(string resource, string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (lines.Length < 3 || lines[0].Trim() != "---")
        {
            throw new InvalidDataException($"{resource}: line 1 must be '---' opening the front matter (id, version)");
        }
        int end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0) throw new InvalidDataException($"{resource}: front matter is not closed by a '---' line");
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 1; i < end; i++)
        {
            var line = lines[i];
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#')) continue;
            int colon = line.IndexOf(':');
            if (colon <= 0) throw new InvalidDataException($"{resource}: line {i + 1}: expected 'key: value' in front matter");
            meta[line[..colon].Trim()] = line[(colon + 1)..].Trim().Trim('"');
        }
        foreach (var key in new[] { "id", "version" })
        {
            if (!meta.TryGetValue(key, out var v) || v.Length == 0)
            {
                throw new InvalidDataException($"{resource}: front matter lacks '{key}' (add '{key}: ...' between the '---' lines)");
            }
        }
        var body = string.Join('\n', lines[(end + 1)..]).Trim('\n');
        return new PromptTemplate(resource, meta["id"], meta["version"], body);
    }
}
