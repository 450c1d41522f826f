using System.Globalization;
using AlphaResearch.MarketData;

namespace AlphaResearch.Hosting;

/// <summary>
/// The run dates of a backtest: <c>from</c>, then every <c>step</c> calendar days up to <c>to</c>, each moved back to
/// the NYSE session on or before it (a Saturday researches Friday), duplicates dropped.
/// </summary>
public static class BacktestSchedule
{
    public static IReadOnlyList<DateOnly> Dates(MarketSnapshot snapshot, DateOnly from, DateOnly to, int stepDays)
    {
        if (to < from) throw new RunSetupException($"--to {to:yyyy-MM-dd} is before --from {from:yyyy-MM-dd}", "swap them");
        if (stepDays < 1) throw new RunSetupException("--every must be at least one day", "use e.g. --every 1w");
        var dates = new List<DateOnly>();
        for (var d = from; d <= to; d = d.AddDays(stepDays))
        {
            var session = RunSnapshot.ResolveRunDate(snapshot, d);
            if (dates.Count == 0 || dates[^1] != session) dates.Add(session);
        }
        return dates;
    }

    /// <summary>"1w", "2w", "3d" → calendar days; null when the text is not that shape.</summary>
    public static int? ParseEvery(string text)
    {
        text = text.Trim().ToLowerInvariant();
        if (text.Length < 2 || !int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1) return null;
        return text[^1] switch { 'w' => n * 7, 'd' => n, _ => null };
    }
}
