using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlphaResearch.Llm;

/// <summary>
/// R2: admits a call only when its input tokens, its max_tokens and one request fit the model's buckets (FIFO),
/// then reconciles with actual usage. The input size is the estimate (tools, system, messages, output schema)
/// times the model's calibration factor, learned from what the server reports; when that is within ~10% of what is
/// available — or the model has no calibration yet, or the call looks too big to ever fit — the server's free
/// count_tokens decides instead. anthropic-ratelimit-* headers (and a 429's retry-after) correct the shared
/// buckets the moment a response arrives. Sits INSIDE the retry layer so every retry attempt queues again.
/// </summary>
internal sealed class GovernorChatClient(IChatClient inner, TokenGovernor governor, string defaultModel, int defaultMaxOutputTokens,
    LlmCallScopes scopes, ILogger? logger = null, ITokenCounter? counter = null) : DelegatingChatClient(inner)
{
    /// <summary>"Within ~10% of what is available": the band where an estimate's error decides wait vs go.</summary>
    public const double ExactCountBand = 0.10;

    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>Set when <c>UseTokenGovernor</c> created the governor for this layer alone: disposing the layer disposes it.</summary>
    internal bool OwnsGovernor { get; init; }

    /// <summary>Outer layers of the same pipeline find the shared call scopes and the governor here.</summary>
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is null && serviceType == typeof(LlmCallScopes)) return scopes;
        if (serviceKey is null && serviceType == typeof(TokenGovernor)) return governor;
        return base.GetService(serviceType, serviceKey);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && OwnsGovernor) governor.Dispose();
        base.Dispose(disposing);
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var (budget, lease, raw) = await AdmitAsync(list, options, cancellationToken).ConfigureAwait(false);
        var scope = scopes.Ensure();
        scope.OnResponse = budget.CorrectFromHeaders;
        try
        {
            var response = await base.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
            Settle(budget, lease, raw, scope, response.Usage);
            return response;
        }
        catch (Exception ex)
        {
            Settle(budget, lease, raw, scope, usage: null, failed: true);
            if (LearnFrom429(budget, lease, ex) is { } refused) throw refused;
            throw;
        }
    }

    /// <summary>
    /// A 429 for a call that can never be admitted: our reservation (an exact count_tokens size when the model was
    /// uncalibrated or the call looked too big) is above the input limit the server just reported. Retrying cannot
    /// succeed, so fail now, naming the server's limit, instead of handing the 429 to the retry loop.
    /// </summary>
    private static GovernorRejectedException? LearnFrom429(ModelBudget budget, GovernorLease lease, Exception ex) =>
        RateLimitClassifier.Classify(ex) == RateLimitKind.RateLimited && budget.NeverFits(lease.EstimatedInputTokens, lease.ReservedOutputTokens) is { } why
            ? new GovernorRejectedException(why, ex)
            : null;

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var (budget, lease, raw) = await AdmitAsync(list, options, cancellationToken).ConfigureAwait(false);
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
            Settle(budget, lease, raw, scope, usage, failed: !completed);
        }
    }

    private async Task<(ModelBudget, GovernorLease, long Raw)> AdmitAsync(IList<ChatMessage> messages, ChatOptions? options, CancellationToken ct)
    {
        string model = options?.ModelId ?? defaultModel;
        long raw = TokenEstimator.Estimate(messages, options);
        long output = options?.MaxOutputTokens ?? defaultMaxOutputTokens;
        var budget = governor.For(model);
        long input = budget.Calibration.Apply(raw);
        if (counter is not null && NeedsExactCount(budget, input))
        {
            if (await counter.CountAsync(model, messages, options, ct).ConfigureAwait(false) is { } exact && exact > 0)
            {
                budget.Calibration.Observe(raw, exact);
                LlmLog.CountTokensCalibrated(_logger, options.GetTag().Label, exact, model, raw, input, budget.Calibration.Factor);
                input = exact;
            }
        }
        var lease = await budget.AcquireAsync(input, output, ct).ConfigureAwait(false);
        LlmMetrics.RecordGovernorQueue(lease.Waited, model);
        if (lease.Waited > TimeSpan.Zero)
        {
            var scope = scopes.Current;
            TimeSpan? left = scope is { Deadline: var d } && d > TimeSpan.Zero ? d - governor.Time.GetElapsedTime(scope.StartedAt) : null;
            WaitLog.Write(_logger, options.GetTag(), $"governor held the call for {model} budget (~{input:N0} in / {output:N0} out)",
                lease.Waited, Math.Max(1, scope?.Attempts ?? 1), left, scope?.Deadline ?? TimeSpan.Zero);
        }
        return (budget, lease, raw);
    }

    /// <summary>
    /// Ask the server when our number is least trustworthy where it matters: nothing learned yet for this model,
    /// the reservation is within ±10% of what is available now (the estimate's error decides go vs wait), or it
    /// exceeds a whole bucket (it is about to be refused as never fitting — be sure first).
    /// </summary>
    private static bool NeedsExactCount(ModelBudget budget, long input)
    {
        if (budget.Calibration.Samples == 0) return true;
        var (level, capacity) = budget.InputSnapshot();
        if (input > capacity * (1 - ExactCountBand)) return true;
        return level > 0 && Math.Abs(input - level) <= ExactCountBand * level;
    }

    private static void Settle(ModelBudget budget, GovernorLease lease, long raw, LlmCallScope scope, UsageDetails? usage, bool failed = false)
    {
        if (usage is { InputTokenCount: { } inTok })
        {
            // InputTokenCount is the server's count of the whole prompt (uncached + cache read + cache write):
            // the sample for calibration. ITPM counts uncached input and cache writes, not cache reads.
            budget.Calibration.Observe(raw, inTok);
            long cacheRead = usage.CachedInputTokenCount ?? 0;
            budget.Reconcile(lease, inTok - cacheRead, usage.OutputTokenCount ?? lease.ReservedOutputTokens);
        }
        else
        {
            // A rejected or failed request generated nothing (the headers below carry what the server charged); a
            // success without usage keeps its reservation. Either way the call is settled (and a first-call probe ends).
            budget.Reconcile(lease, failed ? 0 : lease.EstimatedInputTokens, failed ? 0 : lease.ReservedOutputTokens);
        }
        // The response's headers already count this call at its actual size; the give-back above must not lift the
        // level over what the server said it had left, so cap by them once more.
        if (scope.LastHeaders is { } headers) budget.CorrectFromHeaders(scope.LastStatus ?? 200, headers);
        scope.OnResponse = null;
    }
}
