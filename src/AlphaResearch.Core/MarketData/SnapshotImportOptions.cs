namespace AlphaResearch.MarketData;

/// <summary>Which raw price folders an import reads (and which constituents list each is matched against).</summary>
public enum PriceSet
{
    /// <summary>prices/sp500_mit (MIT licence; the one to redistribute) against the S&amp;P 500 list.</summary>
    Sp500Mit,
    Sp500,
    Sp400,
    /// <summary>prices/sp500 + prices/sp400: the full universe (no licence; benchmarks and private use only).</summary>
    Sp500AndSp400,
}

/// <summary>Inputs of <see cref="SnapshotImporter"/>.</summary>
public sealed record SnapshotImportOptions
{
    /// <summary>Raw data root shaped like the shared data folder (prices/, constituents/, macro/, text/, manifest.csv).</summary>
    public required string From { get; init; }
    public required string Out { get; init; }
    public PriceSet PriceSet { get; init; } = PriceSet.Sp500Mit;
    /// <summary>First date kept (default: the earliest bar of the selected price files).</summary>
    public DateOnly? Start { get; init; }
    /// <summary>Last date kept (default: the latest bar of the selected price files).</summary>
    public DateOnly? End { get; init; }
    /// <summary>Macro series, headlines and filings keep this much history before <see cref="Start"/> (YoY CPI needs a year).</summary>
    public int LookbackYears { get; init; } = 2;
    /// <summary>When the fundamentals were observed (default: the import date, the conservative choice).</summary>
    public DateOnly? FundamentalsAsOf { get; init; }
    public string? Name { get; init; }
    /// <summary>Benchmarks besides SPY and the 11 sector ETFs, imported when the raw data has them.</summary>
    public IReadOnlyList<string> ExtraBenchmarks { get; init; } = ["QQQ", "IWM", "MDY", "GLD", "TLT"];

    public static PriceSet ParsePriceSet(string value) => value.Trim().ToLowerInvariant() switch
    {
        "sp500_mit" => PriceSet.Sp500Mit,
        "sp500" => PriceSet.Sp500,
        "sp400" => PriceSet.Sp400,
        "sp500+sp400" => PriceSet.Sp500AndSp400,
        _ => throw new ArgumentException($"unknown price set '{value}' (use sp500_mit, sp500, sp400 or sp500+sp400)", nameof(value)),
    };
}

/// <summary>Import progress: a stage name and how far it is.</summary>
public readonly record struct ImportProgress(string Stage, int Done, int Total);

/// <summary>What an import wrote.</summary>
public sealed record ImportResult(string Out, int Constituents, int Benchmarks, int MacroSeries, int Headlines, int FilingFiles, DateOnly Start, DateOnly End, IReadOnlyList<string> Notes);
