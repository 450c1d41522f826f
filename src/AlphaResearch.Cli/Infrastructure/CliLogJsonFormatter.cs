using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlphaResearch.Archive;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace AlphaResearch.Cli.Infrastructure;

/// <summary>
/// `--log-format json` as a stock <see cref="ConsoleFormatter"/> with the stock <see cref="JsonConsoleFormatterOptions"/>:
/// one object per line, {"ts","level","event","category","message", …}. A progress event's fields are top-level keys
/// ("phase", "agent", "state"); a logger line's structured values (its LoggerMessage parameters) are under "state", as
/// in the stock JSON formatter. Every string is redacted. Honours JsonWriterOptions, TimestampFormat, UseUtcTimestamp
/// and IncludeScopes ("scopes").
/// </summary>
public sealed class CliLogJsonFormatter : ConsoleFormatter
{
    public const string FormatterName = "alpha-research-json";

    private readonly IOptionsMonitor<JsonConsoleFormatterOptions> _options;
    private readonly TimeProvider _time;

    /// <summary>The CLI's defaults: UTC "2026-05-16T12:00:00.000Z" timestamps, compact lines, unescaped non-ASCII.</summary>
    public static JsonConsoleFormatterOptions Defaults() => new()
    {
        TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ", UseUtcTimestamp = true, IncludeScopes = false,
        JsonWriterOptions = new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping },
    };

    /// <summary>For <c>AddConsoleFormatter&lt;CliLogJsonFormatter, JsonConsoleFormatterOptions&gt;()</c> under the stock console provider.</summary>
    public CliLogJsonFormatter(IOptionsMonitor<JsonConsoleFormatterOptions> options) : this(options, TimeProvider.System) { }

    public CliLogJsonFormatter(IOptionsMonitor<JsonConsoleFormatterOptions> options, TimeProvider time) : base(FormatterName)
    {
        _options = options;
        _time = time;
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        string? message = CliLogFormatting.Message(logEntry);
        if (message is null) return;
        var o = _options.CurrentValue;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, o.JsonWriterOptions with { Indented = false }))
        {
            json.WriteStartObject();
            var now = CliLogFormatting.Now(_time, o.UseUtcTimestamp);
            json.WriteString("ts", o.TimestampFormat is { } f ? now.ToString(f, CultureInfo.InvariantCulture) : now.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("level", CliLogFormatting.Level(logEntry.LogLevel));
            json.WriteString("event", logEntry.State is CliLogEvent ? logEntry.EventId.Name ?? "log" : "log");
            json.WriteString("category", logEntry.Category);
            json.WriteString("message", message);
            if (logEntry.State is CliLogEvent progress)
            {
                foreach (var (key, value) in progress.Fields) WriteNode(json, key, value);
            }
            else
            {
                var values = CliLogFormatting.Values(logEntry).ToList();
                if (logEntry.EventId.Id != 0) json.WriteNumber("event_id", logEntry.EventId.Id);
                if (logEntry.EventId.Name is { } name) json.WriteString("event_name", name);
                if (values.Count > 0)
                {
                    json.WriteStartObject("state");
                    foreach (var (key, value) in values) WriteValue(json, key, value);
                    json.WriteEndObject();
                }
            }
            if (o.IncludeScopes && scopeProvider is not null)
            {
                json.WriteStartArray("scopes");
                scopeProvider.ForEachScope((scope, w) => w.WriteStringValue(Redactor.Redact(Convert.ToString(scope, CultureInfo.InvariantCulture) ?? "")), json);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        textWriter.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        textWriter.Write(Environment.NewLine);
    }

    private static void WriteNode(Utf8JsonWriter json, string key, JsonNode? node)
    {
        if (node is JsonValue v && v.TryGetValue<string>(out var s)) json.WriteString(key, Redactor.Redact(s));
        else if (node is null) json.WriteNull(key);
        else
        {
            json.WritePropertyName(key);
            node.WriteTo(json);
        }
    }

    private static void WriteValue(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null: json.WriteNull(key); break;
            case bool b: json.WriteBoolean(key, b); break;
            case int or long or short or byte or uint: json.WriteNumber(key, Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case double d when double.IsFinite(d): json.WriteNumber(key, d); break;
            case float f when float.IsFinite(f): json.WriteNumber(key, f); break;
            case decimal m: json.WriteNumber(key, m); break;
            default: json.WriteString(key, Redactor.Redact(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")); break;
        }
    }
}
