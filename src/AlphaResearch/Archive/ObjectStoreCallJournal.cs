using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlphaResearch.Llm;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Archive;

/// <summary>
/// The call journal in the run's object store: journal/calls/{run_date}/{agent}/{request_sha256}.json, one object per
/// successful model call. Over the run's namespace store, so a dry run's calls live under dry_run/ with its archive (R6);
/// and, like the agent archive, the real namespace refuses to record or replay an answer carrying the dry-run marker
/// (a real provider pointed at the simulator), and — by provenance, whatever the content — an answer the simulator gave
/// (its response carried the simulator header; an answer with no strings carries no marker). Objects are written whole (atomic put), so a killed process leaves
/// either the entry or nothing.
/// </summary>
public sealed class ObjectStoreCallJournal(IObjectStore store, DateOnly runDate, bool dryRunNamespace, TimeProvider time, ILogger logger) : ICallJournal
{
    public const int SchemaVersion = 1;
    public const string Prefix = "journal/calls/";

    public static readonly EventId RefusedEvent = new(4104, "CallJournalRefused");

    public static string DatePrefix(DateOnly runDate) => $"{Prefix}{runDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/";

    /// <summary>Agent ids such as "sector_team:technology" become one safe key segment.</summary>
    public static string Key(DateOnly runDate, string agentId, string requestKey) =>
        $"{DatePrefix(runDate)}{Segment(agentId)}/{Segment(requestKey)}.json";

    public async Task<CallJournalEntry?> FindAsync(string agentId, string requestKey, CancellationToken ct)
    {
        string key = Key(runDate, agentId, requestKey);
        var bytes = await store.GetAsync(key, ct);
        if (bytes is null) return null;
        JsonNode? envelope;
        try
        {
            envelope = JsonNode.Parse(bytes);
        }
        catch (JsonException)
        {
            return Refuse(key, "the entry is not valid JSON");
        }
        if (envelope?["request_key"]?.GetValue<string>() != requestKey || envelope["schema_version"]?.GetValue<int>() != SchemaVersion)
            return Refuse(key, "the entry belongs to another request or schema version");
        var response = envelope["response"];
        if (response is null) return Refuse(key, "the entry has no response");
        bool simulated = envelope["simulated"] is JsonValue s && s.TryGetValue<bool>(out bool b) && b;
        if (!dryRunNamespace && simulated)
            return Refuse(key, $"the recorded answer came from the alpha-research simulator ({SimulatedResponses.Header})");
        if (!dryRunNamespace && DryRunMarkerFinder.FindPath(response) is { } path)
            return Refuse(key, $"the recorded answer carries the {LlmProviders.DryRunMarker} marker at {path}");
        return new CallJournalEntry(Encoding.UTF8.GetBytes(response.ToJsonString()), simulated);
    }

    public async Task RecordAsync(string agentId, string requestKey, ReadOnlyMemory<byte> response, bool simulated, CancellationToken ct)
    {
        string key = Key(runDate, agentId, requestKey);
        if (!dryRunNamespace && simulated)
        {
            Refuse(key, $"not recording: the simulator answered this call ({SimulatedResponses.Header}); simulated output never belongs in the real namespace");
            return;
        }
        var node = JsonNode.Parse(response.Span);
        if (!dryRunNamespace && DryRunMarkerFinder.FindPath(node) is { } path)
        {
            Refuse(key, $"not recording: the answer carries the {LlmProviders.DryRunMarker} marker at {path} (stub or simulator content never belongs in the real namespace)");
            return;
        }
        var envelope = new JsonObject
        {
            ["schema_version"] = SchemaVersion,
            ["run_date"] = runDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["agent_id"] = agentId,
            ["request_key"] = requestKey,
            ["simulated"] = simulated,
            ["recorded_at"] = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            ["response"] = node,
        };
        await store.PutAsync(key, Encoding.UTF8.GetBytes(envelope.ToJsonString()), ct);
    }

    /// <summary>How many calls are recorded for the date (all agents).</summary>
    public async Task<int> CountAsync(CancellationToken ct) => (await store.ListAsync(DatePrefix(runDate), ct)).Count;

    private CallJournalEntry? Refuse(string key, string why)
    {
        ArchiveLog.CallJournalRefused(logger, key, why);
        return null;
    }

    private static string Segment(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char c in s) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        return sb.Length == 0 ? "unknown" : sb.ToString();
    }
}
