using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace AlphaResearch.Cli.Infrastructure;

/// <summary>Builds the CLI's console formatters, and registers them with the stock console provider for other hosts.</summary>
public static class CliLogging
{
    public static ConsoleFormatter CreateFormatter(LogFormat format, TimeProvider time) => format == LogFormat.Json
        ? new CliLogJsonFormatter(new FixedOptions<JsonConsoleFormatterOptions>(CliLogJsonFormatter.Defaults()), time)
        : new CliLogTextFormatter(new FixedOptions<SimpleConsoleFormatterOptions>(CliLogTextFormatter.Defaults()), time);

    /// <summary>
    /// The stock <see cref="ConsoleLoggerProvider"/> with the CLI's redacting formatter, every level to stderr — for a
    /// long-running host (a worker) that has no live table to hold lines for. Its lines are written by the provider's
    /// background queue to the process's stderr.
    /// </summary>
    public static ILoggingBuilder AddAlphaResearchConsole(this ILoggingBuilder builder, LogFormat format = LogFormat.Text)
    {
        builder.AddConsole(o =>
        {
            o.FormatterName = format == LogFormat.Json ? CliLogJsonFormatter.FormatterName : CliLogTextFormatter.FormatterName;
            o.LogToStandardErrorThreshold = LogLevel.Trace;
        });
        builder.AddConsoleFormatter<CliLogTextFormatter, SimpleConsoleFormatterOptions>(o => Copy(CliLogTextFormatter.Defaults(), o));
        builder.AddConsoleFormatter<CliLogJsonFormatter, JsonConsoleFormatterOptions>(o => Copy(CliLogJsonFormatter.Defaults(), o));
        return builder;
    }

    private static void Copy(SimpleConsoleFormatterOptions from, SimpleConsoleFormatterOptions to)
    {
        to.TimestampFormat = from.TimestampFormat;
        to.UseUtcTimestamp = from.UseUtcTimestamp;
        to.SingleLine = from.SingleLine;
        to.IncludeScopes = from.IncludeScopes;
        to.ColorBehavior = from.ColorBehavior;
    }

    private static void Copy(JsonConsoleFormatterOptions from, JsonConsoleFormatterOptions to)
    {
        to.TimestampFormat = from.TimestampFormat;
        to.UseUtcTimestamp = from.UseUtcTimestamp;
        to.IncludeScopes = from.IncludeScopes;
        to.JsonWriterOptions = from.JsonWriterOptions;
    }

    /// <summary>Options that never change (the CLI builds its formatter once per command).</summary>
    private sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;
        public T Get(string? name) => value;
        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
