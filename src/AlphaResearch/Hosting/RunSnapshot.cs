using AlphaResearch.MarketData;

namespace AlphaResearch.Hosting;

/// <summary>Opens the snapshot a run names (default: the sample shipped next to the host) and resolves the run date on it.</summary>
public static class RunSnapshot
{
    public static MarketSnapshot Open(string? folder, int? minBars = null)
    {
        folder ??= LocateSample();
        if (!Directory.Exists(folder))
        {
            throw new RunSetupException($"snapshot folder not found: {folder}", "pass --snapshot <folder holding snapshot.json>, or omit it to use the embedded sample");
        }
        try
        {
            var options = minBars is { } n ? new SnapshotLoadOptions { MinBars = n } : new SnapshotLoadOptions();
            return new SnapshotLoader(options).Load(folder);
        }
        catch (SnapshotFormatException e)
        {
            throw new RunSetupException(e.Message, "fix the file, or re-import with 'alpha-research snapshot import'");
        }
    }

    /// <summary>
    /// The session a run for <paramref name="requested"/> researches: the most recent NYSE session on or before it
    /// (a Saturday researches Friday); default the snapshot's last session. A date after the data ends is an error.
    /// </summary>
    public static DateOnly ResolveRunDate(MarketSnapshot snapshot, DateOnly? requested)
    {
        var calendar = new TradingCalendar();
        var last = calendar.PreviousSessionOnOrBefore(snapshot.AsOfDate);
        if (requested is null) return last;
        var session = calendar.PreviousSessionOnOrBefore(requested.Value);
        if (session > snapshot.AsOfDate)
        {
            throw new RunSetupException(
                $"--date {requested:yyyy-MM-dd} is after the snapshot's last session {snapshot.AsOfDate:yyyy-MM-dd}",
                "pick a date the snapshot covers, or import newer data");
        }
        var first = snapshot.Benchmarks.TryGetValue(MarketSnapshot.Spy, out var spy) ? spy.FirstDate : snapshot.AsOfDate;
        if (session < first)
        {
            throw new RunSetupException(
                $"--date {requested:yyyy-MM-dd} is before the snapshot's first session {first:yyyy-MM-dd}",
                "pick a date the snapshot covers");
        }
        return session;
    }

    private static string LocateSample()
    {
        try { return SampleSnapshot.Locate(); }
        catch (FileNotFoundException e) { throw new RunSetupException(e.Message, "pass --snapshot <folder>"); }
    }
}
