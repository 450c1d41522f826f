using System.Globalization;
using System.Text.Json.Nodes;
using AlphaResearch.Domain;
using AlphaResearch.Publishing;
using AlphaResearch.Archive;

namespace AlphaResearch.Cli.Infrastructure;

/// <summary>How log and progress lines on stderr are written (`--log-format`).</summary>
public enum LogFormat
{
    /// <summary>"[12:04:31] info: consumer: 429, waiting 58 s, …"</summary>
    Text,
    /// <summary>One JSON object per line: ts, level, event, category, message and the event's fields.</summary>
    Json,
}

/// <summary>
/// The one writer of log and progress lines (stderr): logger lines, run phase/agent changes and heartbeats.
/// Every message is redacted (no credential ever reaches a log). While a live table owns the terminal, lines are
/// held back and flushed after it ends.
/// </summary>
public sealed class CliLogWriter(TextWriter writer, LogFormat format, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<string> _held = [];
    private bool _holding;

    public LogFormat Format => format;

    public static LogFormat ParseFormat(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "text" => LogFormat.Text,
        "json" => LogFormat.Json,
        _ => throw new UserFacingException($"--log-format '{value}' is not a log format", "use --log-format text or --log-format json"),
    };

    /// <param name="level">info, warn, error, debug.</param>
    /// <param name="eventName">What happened: log, phase, agent, heartbeat.</param>
    /// <param name="fields">Extra fields of a JSON line (ignored in text, where the message says it).</param>
    public void Write(string level, string eventName, string message, string? category = null, IReadOnlyDictionary<string, JsonNode?>? fields = null)
    {
        message = Redactor.Redact(message);
        var now = time.GetLocalNow();
        string line;
        if (format == LogFormat.Json)
        {
            var json = new JsonObject
            {
                ["ts"] = time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                ["level"] = level,
                ["event"] = eventName,
            };
            if (category is not null) json["category"] = category;
            json["message"] = message;
            foreach (var (k, v) in fields ?? new Dictionary<string, JsonNode?>()) json[k] = v?.DeepClone();
            line = json.ToJsonString(JsonConventions.Options);
        }
        else
        {
            line = level == "info" && eventName != "log"
                ? $"[{now:HH:mm:ss}] {message}"
                : $"[{now:HH:mm:ss}] {level}: {message}";
        }
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
