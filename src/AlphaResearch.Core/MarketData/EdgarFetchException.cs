namespace AlphaResearch.MarketData;

/// <summary>A fetch that cannot continue (offline, refused, retries exhausted); the message says what to do.</summary>
public sealed class EdgarFetchException(string message, Exception? inner = null) : Exception(message, inner);
