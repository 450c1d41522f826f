using System.Text.Json.Serialization;

namespace AlphaResearch.Archive;

/// <summary>Why a persisted agent output can (Valid) or cannot be resumed. Each refusal is one structured warning.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ArchiveVerdict>))]
public enum ArchiveVerdict
{
    [JsonStringEnumMemberName("valid")] Valid,
    [JsonStringEnumMemberName("absent")] Absent,
    /// <summary>The store failed to read the object (network, permissions).</summary>
    [JsonStringEnumMemberName("read_failed")] ReadFailed,
    [JsonStringEnumMemberName("corrupt_json")] CorruptJson,
    [JsonStringEnumMemberName("not_an_object")] NotAnObject,
    /// <summary>Envelope run_date or team/agent id differs from the request (copied or cross-wired object).</summary>
    [JsonStringEnumMemberName("identity_mismatch")] IdentityMismatch,
    /// <summary>Produced by a stub or simulator (in the real namespace), or by a real provider in the dry-run namespace.</summary>
    [JsonStringEnumMemberName("provenance_refused")] ProvenanceRefused,
    [JsonStringEnumMemberName("unknown_schema_version")] UnknownSchemaVersion,
    /// <summary>The output does not deserialise into the agent's output record.</summary>
    [JsonStringEnumMemberName("malformed_output")] MalformedOutput,
    /// <summary>The output deserialises but fails validation (e.g. 10 macro sectors, a failed team, no CIO decisions).</summary>
    [JsonStringEnumMemberName("invalid_output")] InvalidOutput,
}

/// <summary>The result of checking one persisted agent output (what `status` shows and what resume acts on).</summary>
public sealed record ArchiveInspection<T>(string Key, ArchiveVerdict Verdict, string? Detail, T? Output, AgentProvenance? Provenance)
    where T : class
{
    public bool IsValid => Verdict == ArchiveVerdict.Valid;
}
