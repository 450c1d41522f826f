using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Llm;

/// <summary>
/// Never pay a model call twice: a request already answered (same agent, same SHA-256 of the whole request, same
/// occurrence) is answered from the journal without reaching the retry, governor or provider layers below, so it
/// spends no rate-limit budget; its response is marked <see cref="ReplayedKey"/> and the usage layer above books it
/// at zero cost. A live success is recorded before it is returned, so a process killed after any finished call
/// re-runs it for free. Identical requests within one process are told apart by occurrence (0, 1, …), so an agent
/// that deliberately asks twice still gets two answers. Streaming calls pass through unjournaled.
/// </summary>
internal sealed class CallJournalChatClient(IChatClient inner, ICallJournal journal, string defaultModel, string salt, LlmCallScopes? scopes, ILogger logger)
    : DelegatingChatClient(inner)
{
    /// <summary>Set to true in <see cref="ChatResponse.AdditionalProperties"/> of a replayed response.</summary>
    public const string ReplayedKey = "alpha_research.replayed";

    private readonly ConcurrentDictionary<string, int> _occurrences = new(StringComparer.Ordinal);

    public ICallJournal Journal => journal;

    public static bool IsReplayed(ChatResponse response) =>
        response.AdditionalProperties?.TryGetValue(ReplayedKey, out var v) == true && v is true;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var tag = options.GetTag();
        string hash = CallRequestKey.Compute(list, options, defaultModel, salt);
        int occurrence = _occurrences.AddOrUpdate(hash, 0, (_, n) => n + 1);
        string key = occurrence == 0 ? hash : $"{hash}-{occurrence}";

        var replay = await TryReplayAsync(tag, key, cancellationToken).ConfigureAwait(false);
        if (replay is not null) return replay;

        var response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
        try
        {
            byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(response, AIJsonUtilities.DefaultOptions);
            // Provenance travels with the record: a simulated answer replays as simulated, so R6 still refuses it.
            await journal.RecordAsync(tag.AgentId, key, bytes, scopes?.Current?.Simulated == true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The call is paid and its answer good: losing the journal entry only costs a free replay later.
            LlmLog.JournalRecordFailed(logger, tag.Label, tag.AgentId, ex.GetType().Name);
        }
        return response;
    }

    private async Task<ChatResponse?> TryReplayAsync(CallTag tag, string key, CancellationToken ct)
    {
        CallJournalEntry? entry;
        try
        {
            entry = await journal.FindAsync(tag.AgentId, key, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LlmLog.JournalReadFailed(logger, tag.Label, tag.AgentId, ex.GetType().Name);
            return null;
        }
        if (entry is null) return null;
        ChatResponse? response;
        try
        {
            response = JsonSerializer.Deserialize<ChatResponse>(entry.Response, AIJsonUtilities.DefaultOptions);
        }
        catch (JsonException)
        {
            response = null;
        }
        if (response is null)
        {
            LlmLog.JournalEntryUnreadable(logger, tag.Label, tag.AgentId, key);
            return null;
        }
        (response.AdditionalProperties ??= [])[ReplayedKey] = true;
        if (entry.Simulated) scopes?.Current?.MarkSimulated();
        LlmLog.JournalReplayed(logger, tag.Label, tag.AgentId, key);
        return response;
    }
}
