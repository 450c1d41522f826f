namespace AlphaResearch.Cli.Infrastructure;

/// <summary>An error meant for the user: printed as one line plus a hint, never with a stack trace (unless --verbose).</summary>
public sealed class UserFacingException(string message, string? hint = null, int exitCode = ExitCodes.BadInput) : Exception(message)
{
    public string? Hint { get; } = hint;
    public int ExitCode { get; } = exitCode;
}
