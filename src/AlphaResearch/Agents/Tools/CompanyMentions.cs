using System.Text.RegularExpressions;
using AlphaResearch.MarketData;

namespace AlphaResearch.Agents.Tools;

/// <summary>
/// Finds market headlines that mention a company. The sample's headlines are not tagged by ticker, so we
/// match the company's short name (legal suffixes stripped) case-insensitively, and the ticker only when it
/// is 3+ characters or written as $TICKER (so "A" or "IT" do not match every headline).
/// </summary>
public static partial class CompanyMentions
{
    private static readonly string[] Suffixes =
    [
        "incorporated", "inc", "corporation", "corp", "company", "co", "ltd", "limited", "plc", "holdings", "holding",
        "group", "n.v", "nv", "s.a", "sa", "ag", "se", "lp", "l.p", "the",
    ];

    public static string ShortName(string name)
    {
        // Wikipedia lists some names with a trailing "(The)": "Coca-Cola Company (The)".
        var words = name.Replace(",", " ").Replace("(The)", " ", StringComparison.OrdinalIgnoreCase).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 0 && words[0].Equals("the", StringComparison.OrdinalIgnoreCase)) words.RemoveAt(0);
        while (words.Count > 1 && Suffixes.Contains(words[^1].TrimEnd('.').ToLowerInvariant())) words.RemoveAt(words.Count - 1);
        return string.Join(' ', words);
    }

    public static Func<string, bool> Matcher(Constituent c)
    {
        var shortName = ShortName(c.Name);
        var nameRx = shortName.Length >= 3
            ? new Regex(@"(?<![\w])" + Regex.Escape(shortName) + @"(?![\w])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)
            : null;
        var tickerRx = c.Ticker.Length >= 3
            ? new Regex(@"(?<![\w$])\$?" + Regex.Escape(c.Ticker) + @"(?![\w])", RegexOptions.CultureInvariant)
            : new Regex(@"\$" + Regex.Escape(c.Ticker) + @"(?![\w])", RegexOptions.CultureInvariant);
        return title => (nameRx?.IsMatch(title) ?? false) || tickerRx.IsMatch(title);
    }

    /// <summary>Headlines mentioning <paramref name="c"/> published in the <paramref name="days"/> days up to and including <paramref name="runDate"/>, newest first.</summary>
    public static IReadOnlyList<Headline> Recent(IEnumerable<Headline> headlines, Constituent c, DateOnly runDate, int days)
    {
        var match = Matcher(c);
        var from = runDate.AddDays(-days);
        return headlines
            .Where(h => DateOnly.FromDateTime(h.PublishedAt.UtcDateTime) is var d && d > from && d <= runDate)
            .Where(h => match(h.Title))
            .OrderByDescending(h => h.PublishedAt)
            .ToArray();
    }
}
