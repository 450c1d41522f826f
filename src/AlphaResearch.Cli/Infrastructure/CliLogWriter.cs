using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace AlphaResearch.Cli.Infrastructure;

/// <summary>How log and progress lines on stderr are written (`--log-format`).</summary>
public enum LogFormat
{
    /// <summary>"[12:04:31] info: consumer: 429, waiting 58 s, …" (<see cref="CliLogTextFormatter"/>).</summary>
    Text,
    /// <summary>One JSON object per line: ts, level, event, category, message and the event's fields (<see cref="CliLogJsonFormatter"/>).</summary>
    Json,
}

/// <summary>
/// The CLI's console sink: every logger line (through <see cref="CliLoggerProvider"/>) and every progress line (run
/// phase/agent changes, heartbeats) is formatted by one <see cref="ConsoleFormatter"/> and written, synchronously and
/// in order, to the given writer (stderr in the process, a StringWriter in tests). While a live table owns the terminal,
/// lines are held back and flushed after it ends. The formatters redact every line.
/// <para>
/// Why not the stock <see cref="ConsoleLoggerProvider"/>: it writes from a background queue to the
/// <see cref="Console.Error"/> it captured when built (no writer can be injected), so lines could not be held while
/// the live table draws, would interleave out of order with the progress lines, and could not be captured by tests.
/// The formatters are stock <see cref="ConsoleFormatter"/>s, so hosts that want the stock provider can use them there
/// (<see cref="CliLogging.AddAlphaResearchConsole"/>).
/// </para>
/// </summary>
public sealed class CliLogWriter
{
    public const string ProgressCategory = "AlphaResearch.Cli.Progress";

    private readonly TextWriter _writer;
    private readonly ConsoleFormatter _formatter;
    private readonly Lock _gate = new();
    private readonly List<string> _held = [];
    private bool _holding;

    public CliLogWriter(TextWriter writer, LogFormat format, TimeProvider time)
        : this(writer, format, CliLogging.CreateFormatter(format, time)) { }

    public CliLogWriter(TextWriter writer, LogFormat format, ConsoleFormatter formatter)
    {
        _writer = writer;
        Format = format;
        _formatter = formatter;
    }

    public LogFormat Format { get; }

    /// <summary>Scopes of the loggers writing here (set by the logger factory through <see cref="CliLoggerProvider"/>).</summary>
    internal IExternalScopeProvider? ScopeProvider { get; set; }

    public static LogFormat ParseFormat(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "text" => LogFormat.Text,
        "json" => LogFormat.Json,
        _ => throw new UserFacingException($"--log-format '{value}' is not a log format", "use --log-format text or --log-format json"),
    };

    /// <summary>A progress line.</summary>
    /// <param name="level">info, warn, error, debug.</param>
    /// <param name="eventName">What happened: phase, agent, heartbeat (log for a plain line).</param>
    /// <param name="fields">Extra fields of a JSON line (ignored in text, where the message says it).</param>
    public void Write(string level, string eventName, string message, string? category = null, IReadOnlyDictionary<string, JsonNode?>? fields = null)
    {
        var logLevel = level switch
        {
            "warn" => LogLevel.Warning,
            "error" => LogLevel.Error,
            "debug" => LogLevel.Debug,
            _ => LogLevel.Information,
        };
        Write(new LogEntry<CliLogEvent>(logLevel, category ?? ProgressCategory, new EventId(0, eventName),
            new CliLogEvent(message, fields), null, CliLogEvent.Format));
    }

    /// <summary>Formats one entry and writes it (or holds it while the live table is drawn).</summary>
    public void Write<TState>(in LogEntry<TState> entry)
    {
        using var text = new StringWriter();
        _formatter.Write(entry, ScopeProvider, text);
        if (text.GetStringBuilder().Length == 0) return;
        string line = text.ToString();
        lock (_gate)
        {
            if (_holding) _held.Add(line);
            else _writer.Write(line);
        }
    }

    public void Hold()
    {
        lock (_gate) _holding = true;
    }

    public void Flush()
    {
        lock (_gate)
        {
            _holding = false;
            foreach (var line in _held) _writer.Write(line);
            _held.Clear();
        }
    }
}
