using System.Collections;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Cli.Infrastructure;

/// <summary>
/// The state of a CLI progress line (phase and agent changes, heartbeats) logged through the same formatter as every
/// logger line. Its <see cref="EventId.Name"/> is the line's event ("phase", "agent", "heartbeat"); its fields become
/// top-level keys of a JSON line, while text lines show only the message.
/// </summary>
public sealed class CliLogEvent(string message, IReadOnlyDictionary<string, JsonNode?>? fields) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public string Message { get; } = message;
    public IReadOnlyDictionary<string, JsonNode?> Fields { get; } = fields ?? new Dictionary<string, JsonNode?>();

    public static string Format(CliLogEvent state, Exception? _) => state.Message;

    private IReadOnlyList<KeyValuePair<string, object?>> Pairs =>
        [.. Fields.Select(f => new KeyValuePair<string, object?>(f.Key, f.Value)), new("{OriginalFormat}", Message)];

    public int Count => Fields.Count + 1;
    public KeyValuePair<string, object?> this[int index] => Pairs[index];
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Pairs.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    public override string ToString() => Message;
}
