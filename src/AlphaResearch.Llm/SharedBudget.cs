using System.Globalization;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Llm;

/// <summary>
/// The governor's side of <see cref="IBudgetStore"/>: admission is awaited; give-backs and header corrections are
/// sent without holding up the call (their failure is a warning: the store's buckets refill on their own, and the next
/// response corrects them again).
/// </summary>
internal sealed class SharedBudget(IBudgetStore store, TimeProvider time, ILogger logger)
{
    public IBudgetStore Store => store;

    public Task<TimeSpan> AcquireAsync(string model, ModelRateLimits limits, long input, long output, CancellationToken ct) =>
        store.AcquireAsync(model, limits, input, output, ct);

    public void Adjust(string model, ModelRateLimits limits, long inputDelta, long outputDelta)
    {
        if (inputDelta == 0 && outputDelta == 0) return;
        Forget(store.AdjustAsync(model, limits, inputDelta, outputDelta, CancellationToken.None), "give back", model);
    }

    public void Correct(string model, ModelRateLimits limits, int status, IReadOnlyDictionary<string, string> headers)
    {
        var correction = Parse(status, headers, time.GetUtcNow());
        if (!correction.IsEmpty) Forget(store.CorrectAsync(model, limits, correction, CancellationToken.None), "header correction", model);
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

    private void Forget(Task task, string what, string model) => _ = ForgetAsync(task, what, model);

    private async Task ForgetAsync(Task task, string what, string model)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogWarning("shared budget {Location}: {What} for {Model} failed ({Error}); its buckets refill on their own",
                store.Location, what, model, ex.GetType().Name);
        }
    }
}
