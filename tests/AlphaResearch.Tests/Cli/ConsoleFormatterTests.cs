using System.Text.Json.Nodes;
using AlphaResearch.Archive;
using AlphaResearch.Cli.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AlphaResearch.Tests.Cli;

/// <summary>The CLI's console formatters, driven directly on a TextWriter as the stock console provider drives them.</summary>
public sealed class ConsoleFormatterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 16, 12, 0, 0, TimeSpan.Zero));

    private static LogEntry<IReadOnlyList<KeyValuePair<string, object?>>> Entry(LogLevel level, string template, Exception? ex = null, params (string Key, object? Value)[] values)
    {
        IReadOnlyList<KeyValuePair<string, object?>> state =
            [.. values.Select(v => new KeyValuePair<string, object?>(v.Key, v.Value)), new("{OriginalFormat}", template)];
        string Format(IReadOnlyList<KeyValuePair<string, object?>> s, Exception? _) =>
            values.Aggregate(template, (t, v) => t.Replace("{" + v.Key + "}", Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture)));
        return new(level, "AlphaResearch.Llm.RateLimitRetryChatClient", new EventId(4300, "RateLimitWait"), state, ex, Format);
    }

    private string Text(SimpleConsoleFormatterOptions options, LogLevel level, string template, Exception? ex = null, params (string, object?)[] values)
    {
        var formatter = new CliLogTextFormatter(new StaticOptions<SimpleConsoleFormatterOptions>(options), _time);
        using var w = new StringWriter();
        formatter.Write(Entry(level, template, ex, values), null, w);
        return w.ToString();
    }

    private JsonNode Json(LogLevel level, string template, params (string, object?)[] values)
    {
        var formatter = new CliLogJsonFormatter(new StaticOptions<JsonConsoleFormatterOptions>(CliLogJsonFormatter.Defaults()), _time);
        using var w = new StringWriter();
        formatter.Write(Entry(level, template, null, values), null, w);
        Assert.EndsWith(Environment.NewLine, w.ToString());
        Assert.Single(w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return JsonNode.Parse(w.ToString())!;
    }

    [Fact]
    public void Text_lines_keep_the_wait_line_format_with_the_cli_level_names()
    {
        var o = CliLogTextFormatter.Defaults();
        Assert.Equal("[12:00:00] info: sector_team:consumer: 429, waiting 58 s, attempt 3, 61 min left of 75" + Environment.NewLine,
            Text(o, LogLevel.Information, "{Agent}: 429, waiting {Wait} s, attempt 3, 61 min left of 75", null, ("Agent", "sector_team:consumer"), ("Wait", 58)));
        Assert.StartsWith("[12:00:00] warn: ", Text(o, LogLevel.Warning, "w"));
        Assert.StartsWith("[12:00:00] error: ", Text(o, LogLevel.Critical, "c"));
        Assert.StartsWith("[12:00:00] debug: ", Text(o, LogLevel.Trace, "t"));
    }

    [Fact]
    public void Text_options_of_the_stock_type_are_honoured()
    {
        var utc = new SimpleConsoleFormatterOptions { TimestampFormat = "yyyy-MM-dd HH:mm ", UseUtcTimestamp = true, SingleLine = true };
        _time.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("plus2", TimeSpan.FromHours(2), "plus2", "plus2"));
        Assert.Equal("2026-05-16 12:00 info: a b" + Environment.NewLine, Text(utc, LogLevel.Information, "a\nb"));
        Assert.StartsWith("[14:00:00] ", Text(CliLogTextFormatter.Defaults(), LogLevel.Information, "local"));
        Assert.Equal("info: x" + Environment.NewLine, Text(new SimpleConsoleFormatterOptions { TimestampFormat = null }, LogLevel.Information, "x"));
    }

    [Fact]
    public void Every_line_is_redacted_by_value_and_by_pattern_and_an_exception_shows_type_and_message_only()
    {
        Redactor.AddSecret("proxy-password-5f1c2e9a");
        string line = Text(CliLogTextFormatter.Defaults(), LogLevel.Warning, "proxy {Proxy} said x-api-key: sk-ant-api03-AbCdEfGhIjKlMnOp",
            new HttpRequestException("401 for proxy-password-5f1c2e9a"), ("Proxy", "http://u:proxy-password-5f1c2e9a@p"));
        Assert.DoesNotContain("proxy-password-5f1c2e9a", line);
        Assert.DoesNotContain("sk-ant-api03", line);
        Assert.Contains("(HttpRequestException: 401 for [REDACTED])", line);
        Assert.DoesNotContain(" at ", line); // no stack trace

        var json = Json(LogLevel.Warning, "proxy {Proxy}", ("Proxy", "http://u:proxy-password-5f1c2e9a@p"));
        Assert.DoesNotContain("proxy-password-5f1c2e9a", json.ToJsonString());
    }

    [Fact]
    public void Json_lines_carry_the_cli_keys_and_the_structured_values_under_state()
    {
        var line = Json(LogLevel.Information, "{Agent}: 429, waiting {Wait} s", ("Agent", "sector_team:consumer"), ("Wait", 58), ("Deadline", 75.5), ("Reask", true));
        Assert.Equal("2026-05-16T12:00:00.000Z", (string)line["ts"]!);
        Assert.Equal("info", (string)line["level"]!);
        Assert.Equal("log", (string)line["event"]!);
        Assert.Equal("AlphaResearch.Llm.RateLimitRetryChatClient", (string)line["category"]!);
        Assert.Equal("sector_team:consumer: 429, waiting 58 s", (string)line["message"]!);
        Assert.Equal(4300, (int)line["event_id"]!);
        Assert.Equal("RateLimitWait", (string)line["event_name"]!);
        Assert.Equal("sector_team:consumer", (string)line["state"]!["Agent"]!);
        Assert.Equal(58, (long)line["state"]!["Wait"]!);
        Assert.Equal(75.5, (double)line["state"]!["Deadline"]!);
        Assert.True((bool)line["state"]!["Reask"]!);
        Assert.Null(line["state"]!["{OriginalFormat}"]);
    }

    [Fact]
    public void Held_lines_are_written_in_order_after_the_live_table_ends()
    {
        using var err = new StringWriter();
        var writer = new CliLogWriter(err, LogFormat.Text, _time);
        using var loggers = new CliLoggerProvider(writer, verbose: false).CreateFactory();
        var log = loggers.CreateLogger("x");
        writer.Hold();
        log.LogInformation("first");
        writer.Write("info", "phase", "phase teams");
        Assert.Empty(err.ToString());
        writer.Flush();
        log.LogInformation("after");
        Assert.Equal(["[12:00:00] info: first", "[12:00:00] phase teams", "[12:00:00] info: after"],
            err.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void The_formatters_plug_into_the_stock_console_provider()
    {
        using var services = new ServiceCollection().AddLogging(b => b.AddAlphaResearchConsole(LogFormat.Json)).BuildServiceProvider();
        var formatters = services.GetServices<ConsoleFormatter>().ToList();
        Assert.Contains(formatters, f => f is CliLogTextFormatter && f.Name == CliLogTextFormatter.FormatterName);
        Assert.Contains(formatters, f => f is CliLogJsonFormatter && f.Name == CliLogJsonFormatter.FormatterName);
        var options = services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        Assert.Equal(CliLogJsonFormatter.FormatterName, options.FormatterName);
        Assert.Equal(LogLevel.Trace, options.LogToStandardErrorThreshold);
        Assert.Contains(services.GetServices<ILoggerProvider>(), p => p is ConsoleLoggerProvider);
        Assert.Equal("yyyy-MM-ddTHH:mm:ss.fffZ", services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue.TimestampFormat);
    }

    private sealed class StaticOptions<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;
        public T Get(string? name) => value;
        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
