using System.Globalization;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Llm;

/// <summary>
/// The governor's side of <see cref="IBudgetStore"/>: admission is awaited; give-backs and header corrections are
/// sent without holding up the call, one after the other in the order the calls made them — a give-back must never
/// land after the header cap that was meant to bound it (the server's "remaining" already counts the call). Their
/// failure is a warning: the store's buckets refill on their own, and the next response corrects them again.
/// </summary>
internal sealed class SharedBudget(IBudgetStore store, TimeProvider time, ILogger logger)
{
    private readonly Lock _gate = new();
    private Task _tail = Task.CompletedTask;

    public IBudgetStore Store => store;

    public Task<BudgetAdmission> AcquireAsync(string model, ModelRateLimits limits, long input, long output, CancellationToken ct) =>
        store.AcquireAsync(model, limits, input, output, ct);

    public void Adjust(string model, ModelRateLimits limits, long inputDelta, long outputDelta)
    {
        if (inputDelta == 0 && outputDelta == 0) return;
        Enqueue(() => store.AdjustAsync(model, limits, inputDelta, outputDelta, CancellationToken.None), "give back", model);
    }

    public void Correct(string model, ModelRateLimits limits, int status, IReadOnlyDictionary<string, string> headers)
    {
        var correction = Parse(status, headers, time.GetUtcNow());
        if (!correction.IsEmpty) Enqueue(() => store.CorrectAsync(model, limits, correction, CancellationToken.None), "header correction", model);
    }

    internal static BudgetCorrection Parse(int status, IReadOnlyDictionary<string, string> headers, DateTimeOffset now)
    {
        double? Read(string name) =>
            headers.TryGetValue(name, out var v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
        double? pause = status == 429 ? RateLimitClassifier.RetryAfterSeconds(headers, now) : null;
        return new BudgetCorrection
        {
            RequestsLimit = Read("anthropic-ratelimit-requests-limit"),
            RequestsRemaining = Read("anthropic-ratelimit-requests-remaining"),
            InputTokensLimit = Read("anthropic-ratelimit-input-tokens-limit"),
            InputTokensRemaining = Read("anthropic-ratelimit-input-tokens-remaining"),
            OutputTokensLimit = Read("anthropic-ratelimit-output-tokens-limit"),
            OutputTokensRemaining = Read("anthropic-ratelimit-output-tokens-remaining"),
            Pause = pause is > 0 ? TimeSpan.FromSeconds(Math.Min(pause.Value, RateLimitRetryChatClient.MaxRetryAfterSeconds)) : TimeSpan.Zero,
        };
    }

    /// <summary>Waits until every give-back and correction sent so far has been applied (tests, shutdown).</summary>
    public Task DrainAsync()
    {
        lock (_gate) return _tail;
    }

    private void Enqueue(Func<Task> step, string what, string model)
    {
        lock (_gate)
        {
            var previous = _tail;
            _tail = RunAfterAsync(previous, step, what, model);
        }
    }

    private async Task RunAfterAsync(Task previous, Func<Task> step, string what, string model)
    {
        await previous.ConfigureAwait(false); // never faults: each step catches its own failure
        try
        {
            await step().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LlmLog.SharedBudgetStepFailed(logger, store.Location, what, model, ex.GetType().Name);
        }
    }
}
