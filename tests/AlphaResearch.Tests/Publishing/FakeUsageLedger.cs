using AlphaResearch.Llm;

namespace AlphaResearch.Tests.Publishing;

internal sealed class FakeUsageLedger(IReadOnlyList<UsageRecord> records) : IUsageLedger
{
    public IReadOnlyList<UsageRecord> Records { get; } = records;
    public UsageTotals TotalFor(string agentId) => UsageTotals.Of(Records.Where(r => r.AgentId == agentId));
    public UsageTotals Total => UsageTotals.Of(Records);
#pragma warning disable CS0067 // never raised: the fake ledger is read-only
    public event Action<UsageRecord>? Recorded;
#pragma warning restore CS0067
}
