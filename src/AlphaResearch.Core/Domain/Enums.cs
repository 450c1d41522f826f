using System.Text.Json.Serialization;

namespace AlphaResearch.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<MarketRegime>))]
public enum MarketRegime
{
    [JsonStringEnumMemberName("bull")] Bull,
    [JsonStringEnumMemberName("neutral")] Neutral,
    [JsonStringEnumMemberName("bear")] Bear,
}

[JsonConverter(typeof(JsonStringEnumConverter<SectorRating>))]
public enum SectorRating
{
    [JsonStringEnumMemberName("overweight")] Overweight,
    [JsonStringEnumMemberName("market_weight")] MarketWeight,
    [JsonStringEnumMemberName("underweight")] Underweight,
}

/// <summary>Analyst rating of a thesis.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Rating>))]
public enum Rating
{
    [JsonStringEnumMemberName("BUY")] Buy,
    [JsonStringEnumMemberName("HOLD")] Hold,
    [JsonStringEnumMemberName("SELL")] Sell,
}

/// <summary>Trading signal published in signals.json.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Signal>))]
public enum Signal
{
    [JsonStringEnumMemberName("ENTER")] Enter,
    [JsonStringEnumMemberName("EXIT")] Exit,
    [JsonStringEnumMemberName("REDUCE")] Reduce,
    [JsonStringEnumMemberName("HOLD")] Hold,
}

/// <summary>Stored conviction trend (numbers from the LLM are normalised into this).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Conviction>))]
public enum Conviction
{
    [JsonStringEnumMemberName("rising")] Rising,
    [JsonStringEnumMemberName("stable")] Stable,
    [JsonStringEnumMemberName("declining")] Declining,
}

[JsonConverter(typeof(JsonStringEnumConverter<CioDecisionKind>))]
public enum CioDecisionKind
{
    [JsonStringEnumMemberName("ADVANCE")] Advance,
    [JsonStringEnumMemberName("ADVANCE_FORCED")] AdvanceForced,
    [JsonStringEnumMemberName("REJECT")] Reject,
    [JsonStringEnumMemberName("NO_ADVANCE_DEADLOCK")] NoAdvanceDeadlock,
}
