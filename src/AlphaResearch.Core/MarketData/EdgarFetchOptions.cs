using System.Text.RegularExpressions;

namespace AlphaResearch.MarketData;

/// <summary>Inputs of <see cref="EdgarFetcher"/> (docs/SNAPSHOT.md, "Fetch from SEC EDGAR").</summary>
public sealed partial record EdgarFetchOptions
{
    public static readonly Uri SecWww = new("https://www.sec.gov/");
    public static readonly Uri SecData = new("https://data.sec.gov/");

    public required IReadOnlyList<string> Tickers { get; init; }
    /// <summary>Declared per SEC fair access: a name and a contact e-mail ("Jane Doe jane@example.com").</summary>
    public required string UserAgent { get; init; }
    /// <summary>Raw data root written in the shared-data layout (text/edgar_submissions, edgar/companyfacts, edgar/insider) plus .edgar-cache/.</summary>
    public required string Out { get; init; }
    /// <summary>One base for every endpoint (a mirror or a test server); null = www.sec.gov and data.sec.gov.</summary>
    public Uri? BaseUrl { get; init; }
    /// <summary>Forms 3/4/5 filed this many days before now are fetched (one request each).</summary>
    public int InsiderDays { get; init; } = 365;
    /// <summary>Ask again for the indexes and company facts even when cached (filing documents never change).</summary>
    public bool Refresh { get; init; }
    public double RequestsPerSecond { get; init; } = EdgarRateLimiter.SecFairAccessPerSecond;

    /// <summary>Null when <paramref name="userAgent"/> names someone and gives a contact e-mail; else what is wrong.</summary>
    public static string? CheckUserAgent(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return "a User-Agent is required";
        var email = Email().Match(userAgent);
        if (!email.Success) return $"'{userAgent}' has no contact e-mail";
        if (userAgent.Replace(email.Value, "").Trim().Length < 2) return $"'{userAgent}' has no name or company before the e-mail";
        return null;
    }

    [GeneratedRegex(@"[^\s@<>()]+@[^\s@<>()]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();
}

/// <summary>Per-ticker progress: what was fetched and how many requests it cost.</summary>
public readonly record struct EdgarFetchProgress(string Ticker, int Index, int Count, string Status);

/// <summary>What a fetch wrote.</summary>
public sealed record EdgarFetchResult(string Out, int Tickers, int Requests, int CacheHits, int Retries, IReadOnlyList<string> Skipped);
