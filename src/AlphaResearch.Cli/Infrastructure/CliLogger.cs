using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlphaResearch.Cli.Infrastructure;

/// <summary>
/// The CLI's logger provider: every category at Information and above (Debug with --verbose), each entry handed to the
/// shared <see cref="CliLogWriter"/> whose <see cref="Microsoft.Extensions.Logging.Console.ConsoleFormatter"/> formats it
/// — so the gateway's retry and governor waits show up off a terminal and with --json. Thin on purpose: formatting is
/// the console formatters', ordering and hold-back the writer's (see <see cref="CliLogWriter"/> for why not the stock provider).
/// </summary>
public sealed class CliLoggerProvider(CliLogWriter writer, bool verbose) : ILoggerProvider, ISupportExternalScope
{
    public LogLevel MinimumLevel { get; } = verbose ? LogLevel.Debug : LogLevel.Information;

    public ILogger CreateLogger(string categoryName) => new CliLogger(writer, categoryName, MinimumLevel);

    /// <summary>A factory whose loggers all write through this provider.</summary>
    public ILoggerFactory CreateFactory() => LoggerFactory.Create(b => b.ClearProviders().SetMinimumLevel(MinimumLevel).AddProvider(this));

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => writer.ScopeProvider = scopeProvider;

    public void Dispose() { }
}

/// <summary>One category's logger (see <see cref="CliLoggerProvider"/>).</summary>
internal sealed class CliLogger(CliLogWriter writer, string category, LogLevel minimum) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => writer.ScopeProvider?.Push(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        writer.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter));
    }
}
