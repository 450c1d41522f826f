namespace AlphaResearch.MarketData;

/// <summary>What each Form 8-K item number means (SEC Form 8-K General Instructions, items 1.01–9.01).</summary>
public static class EightKItems
{
    private static readonly Dictionary<string, string> Meanings = new(StringComparer.Ordinal)
    {
        ["1.01"] = "entry into a material definitive agreement",
        ["1.02"] = "termination of a material definitive agreement",
        ["1.03"] = "bankruptcy or receivership",
        ["1.04"] = "mine safety violation",
        ["1.05"] = "material cybersecurity incident",
        ["2.01"] = "completion of an acquisition or disposition of assets",
        ["2.02"] = "results of operations and financial condition (earnings release)",
        ["2.03"] = "creation of a direct financial obligation (new debt)",
        ["2.04"] = "triggering events that accelerate a financial obligation",
        ["2.05"] = "costs of exit or disposal activities (restructuring)",
        ["2.06"] = "material impairments",
        ["3.01"] = "notice of delisting or failure to meet a listing rule",
        ["3.02"] = "unregistered sales of equity securities",
        ["3.03"] = "material modification to rights of security holders",
        ["4.01"] = "change in the certifying accountant",
        ["4.02"] = "non-reliance on previously issued financial statements (restatement)",
        ["5.01"] = "change in control",
        ["5.02"] = "departure or appointment of directors or officers; compensation arrangements",
        ["5.03"] = "amendments to articles of incorporation or bylaws; change in fiscal year",
        ["5.04"] = "temporary suspension of trading under employee benefit plans",
        ["5.05"] = "amendments to or waiver of the code of ethics",
        ["5.06"] = "change in shell company status",
        ["5.07"] = "submission of matters to a vote of security holders (meeting results)",
        ["5.08"] = "shareholder director nominations",
        ["6.01"] = "ABS informational and computational material",
        ["7.01"] = "Regulation FD disclosure",
        ["8.01"] = "other events",
        ["9.01"] = "financial statements and exhibits",
    };

    public static string Meaning(string item) => Meanings.TryGetValue(item.Trim(), out var m) ? m : "unknown item";

    /// <summary>"2.02,9.01" → ["2.02", "9.01"].</summary>
    public static string[] Split(string items) => items.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public const string Earnings = "2.02";
}
