using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlphaResearch.Llm;

/// <summary>
/// R7, outermost layer: one <see cref="UsageRecord"/> per logical call (all retry attempts included), cost from
/// the price card, and the run budget ceiling — the call that crosses it completes and is recorded, then
/// <see cref="RunBudgetExceededException"/> stops the run. A response that reports no usage is never booked as
/// 0 tokens: its record carries <see cref="UsageMissingError"/> and tokens estimated from the request and answer.
/// </summary>
internal sealed class UsageChatClient(IChatClient inner, UsageLedger ledger, PriceCard prices, string runDate, string defaultModel,
    decimal runBudgetUsd, TimeProvider time, LlmCallScopes scopes, ILogger? logger = null) : DelegatingChatClient(inner)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>The host finds the ledger with <c>client.GetService&lt;UsageLedger&gt;()</c>; outer layers the shared call scopes.</summary>
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is null && (serviceType == typeof(UsageLedger) || serviceType == typeof(IUsageLedger))) return ledger;
        if (serviceKey is null && serviceType == typeof(LlmCallScopes)) return scopes;
        return base.GetService(serviceType, serviceKey);
    }

    /// <summary>The <see cref="UsageRecord.Error"/> of a call whose response carried no token usage.</summary>
    public const string UsageMissingError = "usage_missing";

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var scope = new LlmCallScope();
        scopes.Set(scope);
        long start = time.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A failed call still gets its record (attempts, 429s waited, what failed it): the call that rode out
            // 429s until the deadline is exactly the one the ledger must show. The exception propagates unchanged.
            LogFailure(ex, options, scope);
            ledger.Add(BuildRecord(options, null, null, start, scope, RateLimitClassifier.Describe(ex)));
            throw;
        }
        if (CallJournalChatClient.IsReplayed(response))
        {
            // Paid by the process that recorded it (its ledger has the tokens and cost): booked here as a free replay.
            var replayed = BuildRecord(options, response.ModelId, null, start, scope, null) with { Attempts = 0, Replayed = true };
            ledger.Add(replayed);
            LlmLog.CallReplayed(_logger, replayed.Label, replayed.AgentId, replayed.Model);
            return response;
        }
        Record(messages, options, response.ModelId, response.Usage, AnswerChars(response.Messages.SelectMany(m => m.Contents)), start, scope);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var scope = new LlmCallScope();
        scopes.Set(scope);
        long start = time.GetTimestamp();
        UsageDetails? usage = null;
        string? model = null;
        long chars = 0;
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            model ??= update.ModelId;
            chars += AnswerChars(update.Contents);
            foreach (var c in update.Contents)
                if (c is UsageContent u) (usage ??= new UsageDetails()).Add(u.Details);
            yield return update;
        }
        Record(messages, options, model, usage, chars, start, scope);
    }

    /// <summary>
    /// Names the failed call (agent, label, attempts) in the log without touching the exception, which propagates
    /// unchanged (R1). Only the type and status are logged: provider messages are not echoed.
    /// </summary>
    private void LogFailure(Exception ex, ChatOptions? options, LlmCallScope scope)
    {
        if (ex is OperationCanceledException) return;
        var tag = options.GetTag();
        LlmLog.CallFailed(_logger, tag.Label, tag.AgentId, Math.Max(1, scope.Attempts), RateLimitClassifier.Describe(ex));
    }

    private void Record(IEnumerable<ChatMessage> messages, ChatOptions? options, string? responseModel, UsageDetails? usage, long answerChars,
        long start, LlmCallScope scope)
    {
        var tag = options.GetTag();
        string? error = null;
        if (usage?.InputTokenCount is null && usage?.OutputTokenCount is null)
        {
            // Unknown usage is an accounting error, not a free call: book our estimate and flag the record.
            error = UsageMissingError;
            long input = TokenEstimator.Estimate(messages, options), output = TokenEstimator.FromChars(answerChars);
            usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output };
            LlmLog.UsageMissing(_logger, tag.Label, tag.AgentId, UsageMissingError, input, output);
        }
        var record = BuildRecord(options, responseModel, usage, start, scope, error);
        var total = ledger.Add(record);
        LlmLog.CallRecorded(_logger, tag.Label, tag.AgentId, record.Model, record.InputTokens, record.OutputTokens, record.CacheReadTokens, record.CacheWriteTokens,
            record.Attempts, record.CostUsd, total.CostUsd, record.Reask ? ", re-ask" : "");
        if (runBudgetUsd > 0 && total.CostUsd > runBudgetUsd)
            throw new RunBudgetExceededException(total.CostUsd, runBudgetUsd);
    }

    private UsageRecord BuildRecord(ChatOptions? options, string? responseModel, UsageDetails? usage, long start, LlmCallScope scope, string? error)
    {
        var tag = options.GetTag();
        string model = options?.ModelId ?? defaultModel;
        var (input, output, cacheRead, cacheWrite) = Split(usage);
        var cost = prices.Cost(model, input, output, cacheRead, cacheWrite);
        if (cost is null) LlmLog.NoPrice(_logger, tag.Label, model);
        return new UsageRecord
        {
            RunDate = runDate,
            AgentId = tag.AgentId,
            Prompt = tag.Prompt,
            Label = tag.Label,
            Model = responseModel ?? model,
            InputTokens = input,
            OutputTokens = output,
            CacheReadTokens = cacheRead,
            CacheWriteTokens = cacheWrite,
            LatencyMs = time.GetElapsedTime(start).TotalMilliseconds,
            Attempts = Math.Max(1, scope.Attempts),
            RateLimitWaits = scope.RateLimitWaits,
            RateLimitWaitSeconds = scope.RateLimitWaitSeconds,
            CostUsd = cost ?? 0m,
            At = time.GetUtcNow(),
            Error = error,
            Reask = StructuredOutput.IsReask(options),
            Simulated = scope.Simulated,
        };
    }

    /// <summary>Characters of what the model produced (text and tool calls), for the estimate when usage is missing.</summary>
    private static long AnswerChars(IEnumerable<AIContent> contents) => contents.Sum(c => c switch
    {
        TextContent t => (long)t.Text.Length,
        FunctionCallContent f => f.Name.Length + System.Text.Json.JsonSerializer.Serialize(f.Arguments).Length,
        _ => 0L,
    });

    /// <summary>
    /// The Anthropic adapter reports InputTokenCount = input + cache read + cache write; split it back into
    /// uncached input and the two cache counters (each priced differently).
    /// </summary>
    internal static (long Input, long Output, long CacheRead, long CacheWrite) Split(UsageDetails? usage)
    {
        if (usage is null) return (0, 0, 0, 0);
        long cacheRead = usage.CachedInputTokenCount ?? 0;
        long cacheWrite = usage.AdditionalCounts?.TryGetValue("CacheCreationInputTokens", out var cw) == true ? cw : 0;
        long input = Math.Max(0, (usage.InputTokenCount ?? 0) - cacheRead - cacheWrite);
        return (input, usage.OutputTokenCount ?? 0, cacheRead, cacheWrite);
    }
}
