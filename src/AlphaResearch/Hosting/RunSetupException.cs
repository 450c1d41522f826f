namespace AlphaResearch.Hosting;

/// <summary>
/// A run that cannot be assembled (missing key, bad snapshot, unreachable store): one line for the user plus a
/// hint. <see cref="IsInputError"/> says whether the input is wrong (a host maps it to exit 2) or a dependency
/// failed (exit 1).
/// </summary>
public sealed class RunSetupException(string message, string? hint = null, bool isInputError = true) : Exception(message)
{
    public string? Hint { get; } = hint;
    public bool IsInputError { get; } = isInputError;
}
