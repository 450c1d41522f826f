namespace AlphaResearch.Cli.Infrastructure;

/// <summary>Process exit codes: 0 only when the command fully succeeded (a run: status OK).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The work failed (a run ended ERROR, a check found errors).</summary>
    public const int Failed = 1;
    /// <summary>Bad input: usage, config, missing or malformed files.</summary>
    public const int BadInput = 2;
    /// <summary>A run was skipped (already published for that date).</summary>
    public const int Skipped = 3;
    /// <summary>A run was refused: another live run holds the date's lock (nothing was paid for).</summary>
    public const int Busy = 4;
    public const int Cancelled = 130;
}
