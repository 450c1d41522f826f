using AlphaResearch.Archive;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlphaResearch.Cli.Infrastructure;

/// <summary>What the CLI's text and JSON console formatters share: level names, the redacted message, the clock.</summary>
internal static class CliLogFormatting
{
    /// <summary>The CLI's level names ("warn: …", "debug: …"), kept from before the move to the console formatter contract.</summary>
    public static string Level(LogLevel level) => level switch
    {
        LogLevel.Warning => "warn",
        LogLevel.Error or LogLevel.Critical => "error",
        LogLevel.Debug or LogLevel.Trace => "debug",
        _ => "info",
    };

    /// <summary>
    /// The entry's message with the exception's type and message only (never a stack trace with request details),
    /// redacted by value (every secret the process knows) and by pattern (key shapes), or null when there is nothing to write.
    /// </summary>
    public static string? Message<TState>(in LogEntry<TState> entry)
    {
        string? message = entry.Formatter?.Invoke(entry.State, entry.Exception);
        if (entry.Exception is { } ex) message = $"{message} ({ex.GetType().Name}: {ex.Message})";
        return message is null ? null : Redactor.Redact(message);
    }

    public static DateTimeOffset Now(TimeProvider time, bool utc) => utc ? time.GetUtcNow() : time.GetLocalNow();

    /// <summary>The entry's structured values (LoggerMessage parameters), without the template.</summary>
    public static IEnumerable<KeyValuePair<string, object?>> Values<TState>(in LogEntry<TState> entry) =>
        entry.State is IReadOnlyList<KeyValuePair<string, object?>> pairs
            ? pairs.Where(p => p.Key != "{OriginalFormat}")
            : [];
}
