using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace AlphaResearch.Cli.Infrastructure;

/// <summary>
/// The CLI's text lines as a stock <see cref="ConsoleFormatter"/> with the stock <see cref="SimpleConsoleFormatterOptions"/>:
/// "[12:04:31] info: sector_team:consumer: 429, waiting 58 s, attempt 3, 61 min left of 75 (quant:consumer:react)".
/// Unlike the simple formatter it writes no "category[event id]" (the wait-line format is a contract), takes the time
/// from a <see cref="TimeProvider"/>, redacts every line, and shows progress events at Information without a level.
/// Honours TimestampFormat, UseUtcTimestamp, IncludeScopes and SingleLine; colours are never written (lines go to
/// stderr and to files alike).
/// </summary>
public sealed class CliLogTextFormatter : ConsoleFormatter
{
    public const string FormatterName = "alpha-research-text";

    private readonly IOptionsMonitor<SimpleConsoleFormatterOptions> _options;
    private readonly TimeProvider _time;

    /// <summary>The CLI's defaults: "[HH:mm:ss] " local time, one line per entry, no scopes, no colour.</summary>
    public static SimpleConsoleFormatterOptions Defaults() => new()
    {
        TimestampFormat = "[HH:mm:ss] ", UseUtcTimestamp = false, SingleLine = true, IncludeScopes = false,
        ColorBehavior = LoggerColorBehavior.Disabled,
    };

    /// <summary>For <c>AddConsoleFormatter&lt;CliLogTextFormatter, SimpleConsoleFormatterOptions&gt;()</c> under the stock console provider.</summary>
    public CliLogTextFormatter(IOptionsMonitor<SimpleConsoleFormatterOptions> options) : this(options, TimeProvider.System) { }

    public CliLogTextFormatter(IOptionsMonitor<SimpleConsoleFormatterOptions> options, TimeProvider time) : base(FormatterName)
    {
        _options = options;
        _time = time;
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        string? message = CliLogFormatting.Message(logEntry);
        if (message is null) return;
        var o = _options.CurrentValue;
        if (o.TimestampFormat is { } format)
            textWriter.Write(CliLogFormatting.Now(_time, o.UseUtcTimestamp).ToString(format, CultureInfo.InvariantCulture));
        // A progress line at Information reads as a plain statement ("phase teams"); everything else names its level.
        if (!(logEntry.State is CliLogEvent && logEntry.LogLevel == LogLevel.Information))
            textWriter.Write(CliLogFormatting.Level(logEntry.LogLevel) + ": ");
        if (o.IncludeScopes && scopeProvider is not null)
            scopeProvider.ForEachScope((scope, w) => w.Write($"{Archive.Redactor.Redact(Convert.ToString(scope, CultureInfo.InvariantCulture) ?? "")} => "), textWriter);
        textWriter.Write(o.SingleLine ? message.ReplaceLineEndings(" ") : message);
        textWriter.Write(Environment.NewLine);
    }
}
