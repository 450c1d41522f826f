using System.Globalization;
using System.Xml.Linq;

namespace AlphaResearch.MarketData;

/// <summary>
/// Parses the XML of an SEC ownership filing (Forms 3, 4, 5: <c>&lt;ownershipDocument&gt;</c> with
/// <c>reportingOwner/reportingOwnerId/rptOwnerName</c>, <c>reportingOwnerRelationship</c> and
/// <c>nonDerivativeTable/nonDerivativeTransaction</c> rows of transactionDate, transactionCoding/transactionCode,
/// transactionAmounts/{transactionShares, transactionPricePerShare, transactionAcquiredDisposedCode},
/// postTransactionAmounts/sharesOwnedFollowingTransaction) into <see cref="InsiderTransaction"/> rows.
/// </summary>
public static class Form4Parser
{
    public static IReadOnlyList<InsiderTransaction> Parse(string xml, DateOnly filed, string form, string accession)
    {
        var doc = XDocument.Parse(xml);
        var root = doc.Root is { Name.LocalName: "ownershipDocument" } r ? r
            : throw new FormatException($"not an ownership document (root <{doc.Root?.Name.LocalName}>)");
        var owners = root.Elements("reportingOwner").ToArray();
        string owner = string.Join("; ", owners.Select(o => o.Element("reportingOwnerId")?.Element("rptOwnerName")?.Value.Trim()).Where(n => !string.IsNullOrEmpty(n)));
        string relationship = string.Join("; ", owners.Select(o => Relationship(o.Element("reportingOwnerRelationship"))).Where(x => x.Length > 0).Distinct());
        var result = new List<InsiderTransaction>();
        foreach (var t in root.Element("nonDerivativeTable")?.Elements("nonDerivativeTransaction") ?? [])
        {
            var date = Value(t, "transactionDate") is { } d && DateOnly.TryParse(d[..Math.Min(10, d.Length)], CultureInfo.InvariantCulture, out var td) ? td : filed;
            var amounts = t.Element("transactionAmounts");
            result.Add(new InsiderTransaction(filed, form, accession, owner.Length > 0 ? owner : "unknown", relationship, date,
                t.Element("transactionCoding")?.Element("transactionCode")?.Value.Trim().ToUpperInvariant() ?? "",
                Number(amounts, "transactionShares") ?? 0, Number(amounts, "transactionPricePerShare"),
                Value(amounts, "transactionAcquiredDisposedCode")?.ToUpperInvariant() == "D" ? "D" : "A",
                Number(t.Element("postTransactionAmounts"), "sharesOwnedFollowingTransaction")));
        }
        return result;
    }

    private static string Relationship(XElement? rel)
    {
        if (rel is null) return "";
        bool Flag(string name) => rel.Element(name)?.Value.Trim() is "1" or "true";
        var parts = new List<string>();
        if (Flag("isOfficer")) parts.Add(rel.Element("officerTitle")?.Value.Trim() is { Length: > 0 } title ? title : "officer");
        if (Flag("isDirector")) parts.Add("director");
        if (Flag("isTenPercentOwner")) parts.Add("10% owner");
        if (Flag("isOther")) parts.Add("other");
        return string.Join(", ", parts);
    }

    /// <summary>The text of <c>&lt;name&gt;&lt;value&gt;…&lt;/value&gt;&lt;/name&gt;</c> under <paramref name="parent"/>.</summary>
    private static string? Value(XElement? parent, string name) => parent?.Element(name)?.Element("value")?.Value.Trim() is { Length: > 0 } v ? v : null;

    private static double? Number(XElement? parent, string name) =>
        Value(parent, name) is { } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}
