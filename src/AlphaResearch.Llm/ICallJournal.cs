namespace AlphaResearch.Llm;

/// <summary>
/// Where the call journal (<see cref="CallJournalChatClientBuilderExtensions.UseCallJournal"/>) keeps every successful
/// model call: an opaque response document keyed by the agent and the SHA-256 of the full request. The host's store
/// implements it (the run's object store, so it works on the filesystem, on S3 and across workers).
/// </summary>
public interface ICallJournal
{
    /// <summary>The recorded response of this request, or null when none is recorded (or the record is refused).</summary>
    Task<CallJournalEntry?> FindAsync(string agentId, string requestKey, CancellationToken ct);

    /// <summary>
    /// Records a paid call's response; <paramref name="simulated"/> says a response of the call carried the simulator's
    /// signature (<see cref="SimulatedResponses.Header"/>). Implementations may refuse (the layer then just goes on);
    /// a failure throws.
    /// </summary>
    Task RecordAsync(string agentId, string requestKey, ReadOnlyMemory<byte> response, bool simulated, CancellationToken ct);
}

/// <summary>A recorded call: the response document and whether the simulator answered it (its replay stays marked simulated).</summary>
public sealed record CallJournalEntry(byte[] Response, bool Simulated);
