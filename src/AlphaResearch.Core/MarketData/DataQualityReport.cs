namespace AlphaResearch.MarketData;

/// <summary>Why a symbol (or a file) was excluded from a snapshot. Nothing is dropped without one of these.</summary>
public sealed record DataQualityIssue(string Symbol, string File, string Reason);

public sealed record DataQualityReport(IReadOnlyList<DataQualityIssue> Excluded)
{
    public static DataQualityReport Empty { get; } = new([]);
    public bool IsExcluded(string symbol) => Excluded.Any(e => e.Symbol == symbol);
}
