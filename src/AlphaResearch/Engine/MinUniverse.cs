using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AlphaResearch.Engine;

/// <summary>
/// engine.min_universe: the smallest usable universe a run accepts, either a share of the snapshot's listed
/// constituents ("80%") or an absolute count (400 or "400"). A run below it stops before any LLM call.
/// </summary>
[JsonConverter(typeof(MinUniverseJsonConverter))]
public readonly record struct MinUniverse
{
    private MinUniverse(double? percent, int? count) => (Percent, Count) = (percent, count);

    /// <summary>The share of listed constituents, 0–100; null when <see cref="Count"/> is set.</summary>
    public double? Percent { get; }
    /// <summary>An absolute number of usable constituents; null when <see cref="Percent"/> is set.</summary>
    public int? Count { get; }

    public static MinUniverse Default { get; } = OfPercent(80);
    public static MinUniverse OfPercent(double percent) => new(percent, null);
    public static MinUniverse OfCount(int count) => new(null, count);

    /// <summary>How many usable constituents a snapshot listing <paramref name="listed"/> names needs (percent rounds up).</summary>
    public int RequiredFor(int listed) => Count ?? (int)Math.Ceiling(listed * (Percent ?? 0) / 100 - 1e-9);

    /// <summary>"80%" or "400".</summary>
    public override string ToString() => Count is { } c
        ? c.ToString(CultureInfo.InvariantCulture)
        : (Percent ?? 0).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>Parses "80%", "80 %", "400"; null (with the reason) when the text is neither.</summary>
    public static MinUniverse? TryParse(string text, out string? error)
    {
        var t = text.Trim();
        error = null;
        if (t.EndsWith('%'))
        {
            if (double.TryParse(t[..^1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 100)
                return OfPercent(p);
            error = $"engine.min_universe: a percentage must be between 0% and 100% (got '{text}')";
            return null;
        }
        if (int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0) return OfCount(n);
        error = $"engine.min_universe must be a share of the snapshot's constituents like \"80%\" or an absolute count like 400 (got '{text}')";
        return null;
    }
}

/// <summary>Reads a JSON number (absolute count) or string ("80%" / "400"); writes the string form.</summary>
internal sealed class MinUniverseJsonConverter : JsonConverter<MinUniverse>
{
    public override MinUniverse Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string text = reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetDouble(out var d) ? d.ToString(CultureInfo.InvariantCulture) : "",
            JsonTokenType.String => reader.GetString() ?? "",
            _ => $"<{reader.TokenType}>",
        };
        return MinUniverse.TryParse(text, out var error) ?? throw new JsonException(error);
    }

    public override void Write(Utf8JsonWriter writer, MinUniverse value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
