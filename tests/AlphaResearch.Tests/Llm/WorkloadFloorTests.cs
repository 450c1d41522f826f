using AlphaResearch.Llm;
using AlphaResearch.Llm.Simulator;

namespace AlphaResearch.Tests.Llm;

/// <summary>The honest floor `bench llm` prints: uncached input beyond one full bucket ÷ ITPM.</summary>
public sealed class WorkloadFloorTests
{
    private static WorkloadResult Result(long uncached, int itpm, double makespanSeconds, long cacheRead = 0) =>
        new(true, TimeSpan.FromSeconds(makespanSeconds), uncached, itpm, 0, 60, 60, new UsageTotals(60, 0, 0, cacheRead, 0, 0, 0m), 0, 0, cacheRead, 0);

    [Fact]
    public void The_floor_ignores_the_first_full_bucket_which_is_a_burst()
    {
        var r = Result(uncached: 1_227_240, itpm: 306_810, makespanSeconds: 198);
        Assert.Equal(180, r.Floor.TotalSeconds, 6);   // (1 227 240 − 306 810) ÷ 306 810 min = 3 min
        Assert.Equal(1.1, r.Ratio, 6);
    }

    [Fact]
    public void Work_that_fits_one_bucket_has_no_floor_and_no_ratio()
    {
        var r = Result(uncached: 400_000, itpm: 450_000, makespanSeconds: 12);
        Assert.Equal(TimeSpan.Zero, r.Floor);
        Assert.True(double.IsNaN(r.Ratio));
    }

    [Fact]
    public void Cache_read_share_is_reads_over_all_input()
    {
        var r = Result(uncached: 300, itpm: 1_000, makespanSeconds: 1, cacheRead: 700);
        Assert.Equal(0.7, r.CacheReadShare, 6);
    }
}
