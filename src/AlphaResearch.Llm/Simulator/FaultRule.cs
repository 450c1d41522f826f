using System.Text.Json;
using System.Text.Json.Serialization;

namespace AlphaResearch.Llm.Simulator;

/// <summary>
/// One injected fault: requests whose body contains <see cref="Match"/> (all when null) get <see cref="Fault"/> —
/// only the first <see cref="First"/> matches, only matches after the first <see cref="After"/>, or always.
/// Fault: "429" (rate_limit_error), "429-spend" (spend limit reached), "529", "500", "400", "drop" (connection closed).
/// </summary>
public sealed record FaultRule
{
    public required string Fault { get; init; }
    public string? Match { get; init; }
    public int? First { get; init; }
    public int? After { get; init; }
    public bool Always { get; init; }
    /// <summary>retry-after seconds sent with 429/529 faults (default 1).</summary>
    public double RetryAfterSeconds { get; init; } = 1;

    private static readonly string[] Known = ["429", "429-spend", "529", "500", "400", "drop"];

    /// <summary>Applies to the <paramref name="matchNumber"/>-th (1-based) request that matched.</summary>
    public bool AppliesTo(int matchNumber) =>
        Always || (First is { } f && matchNumber <= f) || (After is { } a && matchNumber > a);

    /// <summary>Loads a JSON array of rules; errors name the file, the rule index and the fix.</summary>
    public static IReadOnlyList<FaultRule> Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"fault file '{path}' not found — pass a JSON array of rules to --faults", path);
        List<FaultRule>? rules;
        try
        {
            rules = JsonSerializer.Deserialize<List<FaultRule>>(File.ReadAllText(path), new JsonSerializerOptions(LlmJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow });
        }
        catch (JsonException ex)
        {
            string where = ex.Path is { Length: > 1 } p ? $" at '{p}'" : "";
            throw new InvalidDataException($"{path} (line {(ex.LineNumber ?? 0) + 1}): invalid fault rules{where} — expected e.g. [{{\"fault\":\"429\",\"match\":\"quant\",\"first\":2}}] (first/after are numbers, always is true/false)", ex);
        }
        rules ??= [];
        for (int i = 0; i < rules.Count; i++)
        {
            var r = rules[i];
            if (!Known.Contains(r.Fault))
                throw new InvalidDataException($"{path}: rule [{i}] has fault '{r.Fault}' — use one of {string.Join(", ", Known)}");
            if (!r.Always && r.First is null && r.After is null)
                throw new InvalidDataException($"{path}: rule [{i}] needs \"first\": N, \"after\": N or \"always\": true");
        }
        return rules;
    }
}
