using Microsoft.Extensions.Logging;

namespace AlphaResearch.Cli.Infrastructure;

/// <summary>
/// A minimal logger for commands: warnings and errors (and info with --verbose) as one plain line each.
/// While a live table owns the terminal, lines are held back and flushed after it ends.
/// </summary>
internal sealed class CliLogger(TextWriter writer, bool verbose) : ILogger
{
    private readonly Lock _gate = new();
    private readonly List<string> _held = [];
    private bool _holding;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= (verbose ? LogLevel.Information : LogLevel.Warning);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        string level = logLevel switch { LogLevel.Warning => "warn", LogLevel.Error or LogLevel.Critical => "error", _ => "info" };
        string line = $"{level}: {AlphaResearch.Publishing.Redactor.Redact(formatter(state, exception))}";
        lock (_gate)
        {
            if (_holding) _held.Add(line);
            else writer.WriteLine(line);
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
            foreach (var line in _held) writer.WriteLine(line);
            _held.Clear();
        }
    }
}
