namespace AlphaResearch.Publishing;

/// <summary>The signals.json payload breaks its contract; the run must end ERROR and nothing is promoted.</summary>
public sealed class SignalsContractException : InvalidOperationException
{
    public IReadOnlyList<string> Violations { get; }

    public SignalsContractException(string date, IReadOnlyList<string> violations)
        : base($"signals.json for {date} violates its contract ({violations.Count} problem{(violations.Count == 1 ? "" : "s")}): "
               + string.Join("; ", violations) + " — nothing was published; fix the producing agent or data and re-run")
    {
        Violations = violations;
    }
}
