using System.Runtime.ExceptionServices;

namespace AlphaResearch.MarketData;

/// <summary>
/// Parallel.For that surfaces a file error as itself, not wrapped in an AggregateException; when several
/// files are malformed the one with the lowest index is reported, so the message is deterministic.
/// </summary>
internal static class ParallelRun
{
    public static void For(int count, int? maxDegree, Action<int> body)
    {
        var errors = new Exception?[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = maxDegree ?? Environment.ProcessorCount }, i =>
        {
            try { body(i); }
            catch (Exception e) when (e is SnapshotFormatException or IOException or UnauthorizedAccessException) { errors[i] = e; }
        });
        if (errors.FirstOrDefault(e => e is not null) is { } first) ExceptionDispatchInfo.Capture(first).Throw();
    }
}
