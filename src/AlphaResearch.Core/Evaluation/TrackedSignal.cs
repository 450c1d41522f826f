namespace AlphaResearch.Evaluation;

/// <summary>
/// One published signal (or a baseline pick) to be judged: what was said on the run date. Wire strings as in
/// signals.json (signal ENTER/HOLD/EXIT/REDUCE, rating BUY/HOLD/SELL, conviction rising/stable/declining).
/// </summary>
public sealed record TrackedSignal(
    DateOnly RunDate, string Ticker, string Signal, double? Score, double? TechnicalScore,
    string? Rating, string? TeamId, string? Sector, string? Conviction);

/// <summary>A tracked signal with its realised window at one horizon.</summary>
public sealed record SignalOutcome(TrackedSignal Signal, ForwardWindow Window);
