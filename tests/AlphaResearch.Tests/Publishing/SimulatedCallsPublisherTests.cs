using AlphaResearch.Llm;
using AlphaResearch.Publishing;
using Microsoft.Extensions.Time.Testing;
using static AlphaResearch.Tests.Publishing.PublishingFixtures;

namespace AlphaResearch.Tests.Publishing;

/// <summary>
/// A real publication after a misconfigured run (provider pointed at the simulator) of the same date on this machine:
/// that run's ledger lines say simulated, and research.db records only the calls that were really paid.
/// </summary>
public sealed class SimulatedCallsPublisherTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly InMemoryObjectStore _store = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 10, 8, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    private async Task<long> UsageRowsAfterPublishing(bool realNamespace)
    {
        var o = Outcome();
        var ledger = new UsageLedger();
        foreach (var r in Usage(o.Context.RunDate)) ledger.Add(r);
        ledger.Add(Usage(o.Context.RunDate)[0] with { CallId = "earlier-simulated-call", Simulated = true });
        string db = _dir.File($"research-{realNamespace}.db");
        var publisher = new Publisher(_store, db, new PublishingConfig(), _time, new PublicationInputs { Usage = ledger, RealNamespace = realNamespace });
        await publisher.CommitAsync(o, publisher.Prepare(o), TestContext.Current.CancellationToken);
        return await new AlphaResearch.Archive.ResearchDatabase(db).CountAsync("llm_usage", "run_date", "2025-01-10", TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_real_namespace_records_only_the_real_calls_and_a_dry_run_records_them_all()
    {
        Assert.Equal(3, await UsageRowsAfterPublishing(realNamespace: true));
        Assert.Equal(4, await UsageRowsAfterPublishing(realNamespace: false));
    }
}
