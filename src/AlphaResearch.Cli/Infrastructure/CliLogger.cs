using Microsoft.Extensions.Logging;

namespace AlphaResearch.Cli.Infrastructure;

/// <summary>
/// The CLI's loggers: every category at Information and above (Debug with --verbose) as one line each through the
/// shared <see cref="CliLogWriter"/> — so the gateway's retry and governor waits show up off a terminal and with --json.
/// </summary>
public sealed class CliLoggerProvider(CliLogWriter writer, bool verbose) : ILoggerProvider
{
    public LogLevel MinimumLevel { get; } = verbose ? LogLevel.Debug : LogLevel.Information;

    public ILogger CreateLogger(string categoryName) => new CliLogger(writer, categoryName, MinimumLevel);

    /// <summary>A factory whose loggers all write through this provider.</summary>
    public ILoggerFactory CreateFactory() => LoggerFactory.Create(b => b.ClearProviders().SetMinimumLevel(MinimumLevel).AddProvider(this));

    public void Dispose() { }
}

/// <summary>One category's logger (see <see cref="CliLoggerProvider"/>).</summary>
internal sealed class CliLogger(CliLogWriter writer, string category, LogLevel minimum) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        string level = logLevel switch
        {
            LogLevel.Warning => "warn",
            LogLevel.Error or LogLevel.Critical => "error",
            LogLevel.Debug or LogLevel.Trace => "debug",
            _ => "info",
        };
        string message = formatter(state, exception);
        // The exception's type and message only (never a stack trace with request details) unless it is Debug.
        if (exception is not null) message += $" ({exception.GetType().Name}: {exception.Message})";
        writer.Write(level, "log", message, category);
    }
}
