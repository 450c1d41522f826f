using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlphaResearch.Llm;

/// <summary>
/// R2: admits a call only when its estimated input tokens, its max_tokens and one request fit the model's
/// buckets (FIFO), then reconciles with actual usage; the anthropic-ratelimit-* headers correct the buckets the moment a response arrives. Sits INSIDE the
/// retry layer so every retry attempt queues for budget again.
/// </summary>
internal sealed class GovernorChatClient(IChatClient inner, TokenGovernor governor, string defaultModel, int defaultMaxOutputTokens,
    LlmCallScopes scopes, ILogger? logger = null) : DelegatingChatClient(inner)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var (budget, lease) = await AdmitAsync(list, options, cancellationToken).ConfigureAwait(false);
        var scope = scopes.Ensure();
        scope.OnResponse = budget.CorrectFromHeaders;
        try
        {
            var response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
            Settle(budget, lease, scope, response.Usage);
            return response;
        }
        catch
        {
            Settle(budget, lease, scope, usage: null, failed: true);
            throw;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var (budget, lease) = await AdmitAsync(list, options, cancellationToken).ConfigureAwait(false);
        var scope = scopes.Ensure();
        scope.OnResponse = budget.CorrectFromHeaders;
        UsageDetails? usage = null;
        bool completed = false;
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(list, options, cancellationToken).ConfigureAwait(false))
            {
                foreach (var c in update.Contents)
                    if (c is UsageContent u) (usage ??= new UsageDetails()).Add(u.Details);
                yield return update;
            }
            completed = true;
        }
        finally
        {
            Settle(budget, lease, scope, usage, failed: !completed);
        }
    }

    private async Task<(ModelBudget, GovernorLease)> AdmitAsync(IList<ChatMessage> messages, ChatOptions? options, CancellationToken ct)
    {
        string model = options?.ModelId ?? defaultModel;
        long input = TokenEstimator.Estimate(messages, options);
        long output = options?.MaxOutputTokens ?? defaultMaxOutputTokens;
        var budget = governor.For(model);
        var lease = await budget.AcquireAsync(input, output, ct).ConfigureAwait(false);
        if (lease.Waited > TimeSpan.Zero)
            _logger.LogDebug("{Label}: governor held the call {Waited:0.0} s for {Model} budget (~{Input} in / {Output} out)",
                options.GetTag().Label, lease.Waited.TotalSeconds, model, input, output);
        return (budget, lease);
    }

    private static void Settle(ModelBudget budget, GovernorLease lease, LlmCallScope scope, UsageDetails? usage, bool failed = false)
    {
        if (usage is { InputTokenCount: { } inTok })
        {
            long cacheRead = usage.CachedInputTokenCount ?? 0;
            budget.Reconcile(lease, inTok - cacheRead, usage.OutputTokenCount ?? lease.ReservedOutputTokens);
        }
        else if (failed)
        {
            // A rejected or failed request generated nothing; the headers below carry what the server charged.
            budget.Reconcile(lease, 0, 0);
        }
        scope.OnResponse = null;
    }
}
