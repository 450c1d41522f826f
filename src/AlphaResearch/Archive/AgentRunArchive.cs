using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlphaResearch.Domain;
using AlphaResearch.Llm;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Archive;

/// <summary>
/// Persist-on-success and valid-only resume for the eight LLM-bearing agents (R3, R4).
/// Keys: archive/sector_team_runs/{run_date}/{team_id}.json and archive/agent_runs/{run_date}/{agent_id}.json.
/// Saving never throws (a failed save only costs resumability); loading never throws for content
/// problems: every refusal returns null with exactly one structured warning naming the case.
/// <para>
/// Namespace rule: over the real store only real providers are accepted; over the dry-run view
/// (<see cref="DryRunObjectStore"/>) only stub/simulator output is, so dry runs can exercise resume
/// while their output stays unreachable from a real run.
/// </para>
/// </summary>
public sealed class AgentRunArchive
{
    public const int SchemaVersion = 1;
    public const string MacroAgentId = "macro";
    public const string CioAgentId = "cio";

    public static readonly EventId ResumedEvent = new(4100, "AgentRunResumed");
    public static readonly EventId RefusedEvent = new(4101, "AgentRunResumeRefused");
    public static readonly EventId SaveFailedEvent = new(4102, "AgentRunSaveFailed");
    public static readonly EventId SaveSkippedEvent = new(4103, "AgentRunSaveSkipped");

    private static readonly HashSet<string> DryRunProviders = [LlmProvider.Stub.Id(), LlmProvider.Sim.Id()];
    private static readonly HashSet<string> RealProviders = [LlmProvider.Anthropic.Id(), LlmProvider.OpenAI.Id()];

    private static readonly JsonDocumentOptions StrictDocument = new() { AllowDuplicateProperties = false };

    private readonly IObjectStore _store;
    private readonly bool _dryRunNamespace;
    private readonly ILogger _logger;

    public AgentRunArchive(IObjectStore store, bool dryRunNamespace, ILogger logger)
    {
        _store = store;
        _dryRunNamespace = dryRunNamespace;
        _logger = logger;
    }

    public static string TeamKey(DateOnly runDate, TeamId team) => $"archive/sector_team_runs/{Date(runDate)}/{team.Id()}.json";
    public static string AgentKey(DateOnly runDate, string agentId) => $"archive/agent_runs/{Date(runDate)}/{agentId}.json";

    // ---- save -------------------------------------------------------------------------------

    /// <summary>Persists a team that succeeded. Failed or partial teams are NOT persisted (a re-run must retry them). Never throws.</summary>
    public Task<bool> SaveTeamAsync(DateOnly runDate, SectorTeamOutput output, AgentProvenance provenance, CancellationToken ct)
    {
        string agent = $"sector_team:{output.TeamId.Id()}";
        if (!output.Succeeded)
        {
            ArchiveLog.SaveSkipped(_logger, agent, Date(runDate), output.Error is not null ? "the team failed" : "the team is partial");
            return Task.FromResult(false);
        }
        return SaveAsync(TeamKey(runDate, output.TeamId), runDate, "team_id", output.TeamId.Id(), agent, output, provenance, ct);
    }

    public Task<bool> SaveMacroAsync(DateOnly runDate, MacroReport output, AgentProvenance provenance, CancellationToken ct) =>
        SaveAsync(AgentKey(runDate, MacroAgentId), runDate, "agent_id", MacroAgentId, MacroAgentId, output, provenance, ct);

    public Task<bool> SaveCioAsync(DateOnly runDate, CioOutput output, AgentProvenance provenance, CancellationToken ct) =>
        SaveAsync(AgentKey(runDate, CioAgentId), runDate, "agent_id", CioAgentId, CioAgentId, output, provenance, ct);

    private async Task<bool> SaveAsync<T>(string key, DateOnly runDate, string idField, string id, string agent, T output,
        AgentProvenance provenance, CancellationToken ct)
    {
        if (!ProviderAllowed(provenance.Provider))
        {
            // Defence in depth: a stub output must never land where a real run resumes from.
            ArchiveLog.SaveSkipped(_logger, agent, Date(runDate), $"provider '{provenance.Provider}' does not belong in this namespace");
            return false;
        }
        if (!_dryRunNamespace && SimulatedRefusal(agent, provenance.Calls, provenance.Simulated) is { } simulated)
        {
            // Whatever the content says (an answer with no strings carries no marker): simulated output is never real research.
            ArchiveLog.SaveSkipped(_logger, agent, Date(runDate), simulated);
            return false;
        }
        try
        {
            var outputNode = JsonSerializer.SerializeToNode(output, JsonConventions.Options);
            // A real provider pointed at the simulator (ANTHROPIC_BASE_URL) answers with marked content under a
            // real-looking envelope; the content, not the provider name, decides that it must not be resumable.
            if (!_dryRunNamespace && DryRunMarkerFinder.FindPath(outputNode) is { } markerPath)
            {
                ArchiveLog.SaveSkipped(_logger, agent, Date(runDate),
                    $"the output carries the {LlmProviders.DryRunMarker} marker at {markerPath} (stub or simulator content never belongs in the real namespace)");
                return false;
            }
            var envelope = new JsonObject
            {
                ["schema_version"] = SchemaVersion,
                ["run_date"] = Date(runDate),
                [idField] = id,
                ["provenance"] = JsonSerializer.SerializeToNode(provenance, JsonConventions.Options),
                ["output"] = outputNode,
            };
            byte[] bytes = Encoding.UTF8.GetBytes(envelope.ToJsonString(JsonConventions.Indented));
            await _store.PutAsync(key, bytes, ct);
            return true;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Includes TaskCanceledException from an HTTP timeout: nobody cancelled the save, the store failed it.
            ArchiveLog.SaveFailed(_logger, agent, Date(runDate), key, Redactor.Redact($"{ex.GetType().Name}: {ex.Message}"));
            return false;
        }
    }

    // ---- load -------------------------------------------------------------------------------

    public async Task<SectorTeamOutput?> LoadTeamAsync(DateOnly runDate, TeamId team, CancellationToken ct) =>
        Report(await InspectTeamAsync(runDate, team, ct), $"sector_team:{team.Id()}", runDate);

    public async Task<MacroReport?> LoadMacroAsync(DateOnly runDate, CancellationToken ct) =>
        Report(await InspectMacroAsync(runDate, ct), MacroAgentId, runDate);

    public async Task<CioOutput?> LoadCioAsync(DateOnly runDate, CancellationToken ct) =>
        Report(await InspectCioAsync(runDate, ct), CioAgentId, runDate);

    /// <summary>Checks without logging (used by `status` and by the loaders).</summary>
    public Task<ArchiveInspection<SectorTeamOutput>> InspectTeamAsync(DateOnly runDate, TeamId team, CancellationToken ct) =>
        InspectAsync<SectorTeamOutput>(TeamKey(runDate, team), runDate, "team_id", team.Id(), o =>
            o.TeamId != team ? $"output.team_id is '{o.TeamId.Id()}', expected '{team.Id()}'"
            : o.Error is not null ? $"the team output carries an error: {o.Error}"
            : o.Partial ? "the team output is partial"
            : FirstNull(o.Recommendations, "recommendations") ?? FirstNull(o.QuantRankedPicks, "quant_ranked_picks")
              ?? FirstNull(o.ToolCalls, "tool_calls") ?? FirstNullValue(o.ThesisUpdates, "thesis_updates"), ct);

    public Task<ArchiveInspection<MacroReport>> InspectMacroAsync(DateOnly runDate, CancellationToken ct) =>
        InspectAsync<MacroReport>(AgentKey(runDate, MacroAgentId), runDate, "agent_id", MacroAgentId, ValidateMacro, ct);

    public Task<ArchiveInspection<CioOutput>> InspectCioAsync(DateOnly runDate, CancellationToken ct) =>
        InspectAsync<CioOutput>(AgentKey(runDate, CioAgentId), runDate, "agent_id", CioAgentId,
            o => o.Decisions.Count == 0 ? "the CIO output has no decisions"
                : FirstNull(o.Decisions, "decisions") ?? FirstNull(o.AdvancedTickers, "advanced_tickers")
                  ?? FirstNullValue(o.EntryTheses, "entry_theses"), ct);

    internal static string? ValidateMacro(MacroReport m)
    {
        var missing = Sectors.All.Where(s => !m.Sectors.ContainsKey(s)).ToList();
        if (missing.Count > 0) return $"macro report lacks sector(s): {string.Join(", ", missing)}";
        var extra = m.Sectors.Keys.Where(k => !Sectors.IsCanonical(k)).ToList();
        if (extra.Count > 0) return $"macro report has unknown sector(s): {string.Join(", ", extra)}";
        if (FirstNullValue(m.Sectors, "sectors") is { } nullView) return nullView;
        foreach (var (sector, view) in m.Sectors)
        {
            if (double.IsNaN(view.Modifier) || view.Modifier < MacroReport.MinModifier || view.Modifier > MacroReport.MaxModifier)
                return $"modifier {view.Modifier.ToString(CultureInfo.InvariantCulture)} for {sector} is outside [0.70, 1.30]";
        }
        return null;
    }

    // JSON nulls inside lists and maps deserialise as null elements; resuming one would crash a later step
    // (aggregation, CIO candidates) on every re-run instead of re-running the agent.
    private static string? FirstNull<T>(IReadOnlyList<T>? list, string name)
    {
        if (list is null) return $"{name} is null";
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] is null) return $"{name}[{i}] is null";
        }
        return null;
    }

    private static string? FirstNullValue<T>(IReadOnlyDictionary<string, T>? map, string name)
    {
        if (map is null) return $"{name} is null";
        foreach (var (key, value) in map)
        {
            if (value is null) return $"{name}['{key}'] is null";
        }
        return null;
    }

    private async Task<ArchiveInspection<T>> InspectAsync<T>(string key, DateOnly runDate, string idField, string id,
        Func<T, string?> validate, CancellationToken ct) where T : class
    {
        ArchiveInspection<T> Refuse(ArchiveVerdict v, string detail, AgentProvenance? p = null) => new(key, v, detail, null, p);

        byte[]? bytes;
        try
        {
            bytes = await _store.GetAsync(key, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is not ArgumentException)
        {
            // A store timeout (TaskCanceledException without our token cancelled) is a failed read, not a cancellation.
            return Refuse(ArchiveVerdict.ReadFailed, Redactor.Redact($"{ex.GetType().Name}: {ex.Message}"));
        }
        if (bytes is null) return Refuse(ArchiveVerdict.Absent, "nothing persisted");

        JsonNode? root;
        try
        {
            // Duplicate keys are refused here; otherwise JsonObject throws ArgumentException on first access.
            root = JsonNode.Parse(bytes, documentOptions: StrictDocument);
        }
        catch (JsonException ex)
        {
            return Refuse(ArchiveVerdict.CorruptJson, $"corrupt persisted JSON: {ex.Message}");
        }
        if (root is not JsonObject envelope) return Refuse(ArchiveVerdict.NotAnObject, "the envelope is not a JSON object");

        string? envDate = StringOf(envelope["run_date"]);
        string? envId = StringOf(envelope[idField]);
        if (envDate != Date(runDate) || envId != id)
            return Refuse(ArchiveVerdict.IdentityMismatch,
                $"envelope identity mismatch (envelope run_date={envDate ?? "null"}, {idField}={envId ?? "null"}; expected {Date(runDate)}, {id})");

        AgentProvenance? provenance;
        try
        {
            provenance = envelope["provenance"]?.Deserialize<AgentProvenance>(JsonConventions.Options);
        }
        catch (JsonException ex)
        {
            return Refuse(ArchiveVerdict.ProvenanceRefused, $"unreadable provenance: {ex.Message}");
        }
        if (provenance is null) return Refuse(ArchiveVerdict.ProvenanceRefused, "the envelope has no provenance");
        if (!ProviderAllowed(provenance.Provider))
            return Refuse(ArchiveVerdict.ProvenanceRefused, _dryRunNamespace
                ? $"provider '{provenance.Provider}' is a real provider; the dry-run namespace only resumes stub/sim output"
                : $"provider '{provenance.Provider}' is not a real provider (stub/sim output is never resumed)", provenance);

        if (!_dryRunNamespace && provenance.IsSimulated)
            return Refuse(ArchiveVerdict.ProvenanceRefused,
                $"its provenance records {provenance.Calls.Count(c => c.Simulated)} call(s) answered by the simulator ({SimulatedResponses.Header}); simulated output is never resumed by a real run", provenance);

        int? version = envelope["schema_version"] is JsonValue v && v.TryGetValue<int>(out int n) ? n : null;
        if (version != SchemaVersion)
            return Refuse(ArchiveVerdict.UnknownSchemaVersion, $"schema_version {version?.ToString(CultureInfo.InvariantCulture) ?? "missing"} is not {SchemaVersion}", provenance);

        if (envelope["output"] is not JsonObject outputNode)
            return Refuse(ArchiveVerdict.MalformedOutput, "output is missing or not a JSON object", provenance);
        if (!_dryRunNamespace && DryRunMarkerFinder.FindPath(outputNode) is { } markerPath)
            return Refuse(ArchiveVerdict.ProvenanceRefused,
                $"the output carries the {LlmProviders.DryRunMarker} marker at {markerPath} (stub or simulator content is never resumed by a real run)", provenance);
        T? output;
        try
        {
            output = outputNode.Deserialize<T>(JsonConventions.Options);
        }
        catch (JsonException ex)
        {
            return Refuse(ArchiveVerdict.MalformedOutput, $"output does not deserialise: {ex.Message}", provenance);
        }
        if (output is null) return Refuse(ArchiveVerdict.MalformedOutput, "output is null", provenance);
        string? invalid;
        try
        {
            invalid = validate(output);
        }
        catch (Exception ex) when (ex is NullReferenceException or ArgumentException or InvalidOperationException)
        {
            // A deserialised record can still hold nulls where the contract has none.
            invalid = $"output fails validation: {ex.Message}";
        }
        if (invalid is not null) return Refuse(ArchiveVerdict.InvalidOutput, invalid, provenance);
        return new ArchiveInspection<T>(key, ArchiveVerdict.Valid, null, output, provenance);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, UsageTotals> _resumedUsage = new();

    /// <summary>
    /// What the agents resumed through this archive had cost when they ran (from their envelopes' provenance),
    /// by agent id — so a resumed run can still state what the run date's research cost in total.
    /// </summary>
    public IReadOnlyDictionary<string, UsageTotals> ResumedUsage => _resumedUsage;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<UsageRecord>> _resumedCalls = new();

    /// <summary>The paid calls recorded in the envelopes of the agents resumed through this archive (earlier attempts).</summary>
    public IReadOnlyList<UsageRecord> ResumedCalls => _resumedCalls.Values.SelectMany(c => c).ToList();

    /// <summary>The caller decided not to use a resumed output after all (it re-runs that agent; its old calls still stay paid).</summary>
    public void DiscardResumed(string agentId) => _resumedUsage.TryRemove(agentId, out _);

    private T? Report<T>(ArchiveInspection<T> inspection, string agentId, DateOnly runDate) where T : class
    {
        switch (inspection.Verdict)
        {
            case ArchiveVerdict.Valid:
                ArchiveLog.Resumed(_logger, agentId, Date(runDate), inspection.Key);
                if (inspection.Provenance is { } p)
                {
                    _resumedUsage[agentId] = p.Usage;
                    _resumedCalls[agentId] = p.Calls;
                }
                return inspection.Output;
            case ArchiveVerdict.Absent:
                return null;
            default:
                ArchiveLog.Refused(_logger, agentId, Date(runDate), inspection.Verdict, inspection.Detail ?? "", inspection.Key);
                return null;
        }
    }

    /// <summary>
    /// Why an agent's output must not enter the real namespace because calls behind it were answered by the simulator
    /// (their responses carried <see cref="SimulatedResponses.Header"/>), or null when none was. The engine fails such
    /// an agent with this reason; the archive refuses to persist or resume it.
    /// </summary>
    public static string? SimulatedRefusal(string agentId, IEnumerable<UsageRecord> calls, bool provenanceSimulated = false)
    {
        int n = calls.Count(c => c.Simulated);
        if (n == 0 && !provenanceSimulated) return null;
        return $"{n} LLM call(s) of {agentId} were answered by the alpha-research simulator (response header {SimulatedResponses.Header}), " +
            "not a real model — simulated output never enters the real namespace; use --llm sim (or --dry-run) to run against the simulator";
    }

    private bool ProviderAllowed(string provider) =>
        _dryRunNamespace ? DryRunProviders.Contains(provider) : RealProviders.Contains(provider);

    private static string? StringOf(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
