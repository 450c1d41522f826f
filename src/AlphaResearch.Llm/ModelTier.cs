using System.Text.Json.Serialization;

namespace AlphaResearch.Llm;

/// <summary>The two model classes a gateway serves; each has its own model id, output ceiling and token budget.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelTier>))]
public enum ModelTier
{
    /// <summary>Haiku class: sector-team calls.</summary>
    [JsonStringEnumMemberName("fast")] Fast,
    /// <summary>Sonnet class: macro, critic, CIO.</summary>
    [JsonStringEnumMemberName("strategic")] Strategic,
}
