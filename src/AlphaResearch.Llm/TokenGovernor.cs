using System.Collections.Concurrent;

namespace AlphaResearch.Llm;

/// <summary>
/// R2: the org's per-model budgets, shared by every concurrent call of the process (one per gateway).
/// Models without configured limits get <see cref="ModelRateLimits"/> defaults.
/// </summary>
/// <param name="probeFirst">See <see cref="ModelBudget"/>: one call per model until the server has answered once.</param>
/// <param name="store">The org budget shared with other processes (null: this process's buckets alone).</param>
internal sealed class TokenGovernor(IReadOnlyDictionary<string, ModelRateLimits> limits, TimeProvider time, bool probeFirst = false,
    SharedBudget? store = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, ModelBudget> _budgets = new(StringComparer.Ordinal);

    public TimeProvider Time => time;
    public SharedBudget? Store => store;

    public ModelBudget For(string model) =>
        _budgets.GetOrAdd(model, m => new ModelBudget(m, LimitsFor(m), time, probeFirst, store));

    public void Dispose()
    {
        foreach (var b in _budgets.Values) b.Dispose();
    }

    private ModelRateLimits LimitsFor(string model)
    {
        if (limits.TryGetValue(model, out var l)) return l;
        // Dated ids (claude-haiku-4-5-20251001) share the undated model's pool.
        string undated = PriceCard.Normalize(model);
        return limits.TryGetValue(undated, out l) ? l : new ModelRateLimits();
    }
}
