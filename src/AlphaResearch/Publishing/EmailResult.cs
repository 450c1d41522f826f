namespace AlphaResearch.Publishing;

/// <summary>Outcome of e-mailing the brief. A failure is reported here; it never undoes a published run.</summary>
public sealed record EmailResult(bool Attempted, bool Sent, string? Error)
{
    public static EmailResult NotConfigured { get; } = new(false, false, null);
}
