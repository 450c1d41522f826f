namespace AlphaResearch.Scoring;

/// <summary>Population rotation rules (reference §4.7, config `population` block; sample values as defaults).</summary>
public sealed record PopulationConfig
{
    /// <summary>Size the population is refilled toward; open slots = max(0, target − remaining).</summary>
    public int TargetSize { get; init; } = 25;
    /// <summary>A held name scoring below this exits regardless of tenure ("thesis_collapse").</summary>
    public double ThesisCollapseThreshold { get; init; } = 40;
    /// <summary>A held name below this exits once tenure allows and the per-run cap is not reached ("score_degraded").</summary>
    public double MinLongTermScore { get; init; } = 45;
    public int MinTenureWeeks { get; init; } = 2;
    /// <summary>Cap on removals (thesis_collapse + score_degraded) per run; only score_degraded exits are held back by it.</summary>
    public int MaxRotationsPerRun { get; init; } = 10;
    /// <summary>Hard ceiling on population size after entries.</summary>
    public int MaxSize { get; init; } = 30;
    /// <summary>With the book full, an ADVANCE whose score beats the weakest incumbent's by at least this swaps it out (#262).</summary>
    public double SwapMargin { get; init; } = 5;
    /// <summary>Cap on swaps (EXIT "swapped_out" + ENTER) per run; 0 disables swapping.</summary>
    public int MaxSwapsPerRun { get; init; } = 3;
}
