namespace AlphaResearch.Domain;

/// <summary>
/// The 11 GICS sectors under their official names, the aliases data sources use for them,
/// their SPDR sector ETFs and the sector-team map (reference §2.3).
/// </summary>
public static class Sectors
{
    public const string InformationTechnology = "Information Technology";
    public const string HealthCare = "Health Care";
    public const string Financials = "Financials";
    public const string ConsumerDiscretionary = "Consumer Discretionary";
    public const string ConsumerStaples = "Consumer Staples";
    public const string CommunicationServices = "Communication Services";
    public const string Industrials = "Industrials";
    public const string Materials = "Materials";
    public const string Energy = "Energy";
    public const string Utilities = "Utilities";
    public const string RealEstate = "Real Estate";

    public static IReadOnlyList<string> All { get; } =
    [
        InformationTechnology, HealthCare, Financials, ConsumerDiscretionary, ConsumerStaples,
        CommunicationServices, Industrials, Materials, Energy, Utilities, RealEstate,
    ];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Information Technology"] = InformationTechnology, ["Technology"] = InformationTechnology,
        ["Health Care"] = HealthCare, ["Healthcare"] = HealthCare,
        ["Financials"] = Financials, ["Financial"] = Financials, ["Financial Services"] = Financials,
        ["Consumer Discretionary"] = ConsumerDiscretionary, ["Consumer Cyclical"] = ConsumerDiscretionary,
        ["Consumer Staples"] = ConsumerStaples, ["Consumer Defensive"] = ConsumerStaples,
        ["Communication Services"] = CommunicationServices, ["Telecommunication Services"] = CommunicationServices,
        ["Industrials"] = Industrials,
        ["Materials"] = Materials, ["Basic Materials"] = Materials,
        ["Energy"] = Energy,
        ["Utilities"] = Utilities,
        ["Real Estate"] = RealEstate,
    };

    private static readonly Dictionary<string, string> Etfs = new()
    {
        [InformationTechnology] = "XLK", [HealthCare] = "XLV", [Financials] = "XLF",
        [ConsumerDiscretionary] = "XLY", [ConsumerStaples] = "XLP", [CommunicationServices] = "XLC",
        [Industrials] = "XLI", [Materials] = "XLB", [Energy] = "XLE", [Utilities] = "XLU", [RealEstate] = "XLRE",
    };

    /// <summary>Maps any known label ("Technology", "Health Care", "Financial Services", ...) to the GICS name.</summary>
    public static bool TryNormalize(string? label, out string sector)
    {
        if (label is not null && Aliases.TryGetValue(label.Trim(), out var s)) { sector = s; return true; }
        sector = "";
        return false;
    }

    public static bool IsCanonical(string? sector) => sector is not null && Etfs.ContainsKey(sector);

    public static string EtfOf(string sector) =>
        Etfs.TryGetValue(sector, out var etf) ? etf : throw new ArgumentException($"unknown GICS sector '{sector}'", nameof(sector));

    public static IReadOnlyCollection<string> AllEtfs => Etfs.Values;

    public static TeamId TeamOf(string sector) => sector switch
    {
        InformationTechnology => TeamId.Technology,
        HealthCare => TeamId.Healthcare,
        Financials => TeamId.Financials,
        Industrials or Materials => TeamId.Industrials,
        ConsumerDiscretionary or ConsumerStaples or CommunicationServices => TeamId.Consumer,
        Energy or Utilities or RealEstate => TeamId.Defensives,
        _ => throw new ArgumentException($"unknown GICS sector '{sector}'", nameof(sector)),
    };
}
