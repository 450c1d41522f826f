using System.Text;
using System.Text.Json;
using AlphaResearch.Archive;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AlphaResearch.Tests.Archive;

/// <summary>The journal's store implementation: keys, envelope, round trip, and the dry-run namespace rule (R6).</summary>
public sealed class ObjectStoreCallJournalTests : IDisposable
{
    private static readonly DateOnly Date = new(2025, 1, 10);
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ar-journal-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger _log = new();

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (DirectoryNotFoundException) { }
    }

    private ObjectStoreCallJournal Journal(IObjectStore store, bool dryRun) => new(store, Date, dryRun, _time, _log);

    private static byte[] Response(string text) =>
        JsonSerializer.SerializeToUtf8Bytes(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)), AIJsonUtilities.DefaultOptions);

    [Fact]
    public async Task A_recorded_call_is_one_object_under_the_date_and_agent_and_comes_back_as_recorded()
    {
        var root = new FileSystemObjectStore(_root);
        var journal = Journal(root, dryRun: false);
        await journal.RecordAsync("sector_team:technology", "ab12", Response("real answer"), simulated: false, Ct);

        Assert.Equal(["journal/calls/2025-01-10/sector_team_technology/ab12.json"], await root.ListAsync("", Ct));
        var env = JsonDocument.Parse((await root.GetAsync("journal/calls/2025-01-10/sector_team_technology/ab12.json", Ct))!).RootElement;
        Assert.Equal("sector_team:technology", env.GetProperty("agent_id").GetString());
        Assert.Equal("2026-12-01T23:00:00.0000000+00:00", env.GetProperty("recorded_at").GetString());

        var back = JsonSerializer.Deserialize<ChatResponse>((await journal.FindAsync("sector_team:technology", "ab12", Ct))!.Response, AIJsonUtilities.DefaultOptions)!;
        Assert.Equal("real answer", back.Text);
        Assert.Null(await journal.FindAsync("sector_team:technology", "cd34", Ct));
        Assert.Null(await journal.FindAsync("macro", "ab12", Ct));
        Assert.Equal(1, await journal.CountAsync(Ct));
    }

    [Fact]
    public async Task A_dry_run_journals_under_dry_run_and_a_real_run_never_sees_it()
    {
        var root = new FileSystemObjectStore(_root);
        await Journal(DryRunObjectStore.Wrap(root), dryRun: true).RecordAsync("macro", "ab12", Response("[DRY-RUN SIM] rates up"), simulated: false, Ct);

        Assert.Equal(["dry_run/journal/calls/2025-01-10/macro/ab12.json"], await root.ListAsync("", Ct));
        Assert.NotNull(await Journal(DryRunObjectStore.Wrap(root), dryRun: true).FindAsync("macro", "ab12", Ct));
        Assert.Null(await Journal(root, dryRun: false).FindAsync("macro", "ab12", Ct));
    }

    [Fact]
    public async Task The_real_namespace_refuses_to_record_or_replay_marked_content()
    {
        var root = new FileSystemObjectStore(_root);
        var real = Journal(root, dryRun: false);
        await real.RecordAsync("macro", "ab12", Response("[DRY-RUN SIM] rates up"), simulated: false, Ct);
        Assert.Empty(await root.ListAsync("", Ct));
        Assert.Contains(_log.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("[DRY-RUN marker", StringComparison.Ordinal));

        // Planted by hand (e.g. copied from a dry run): still never replayed into a real run.
        await Journal(DryRunObjectStore.Wrap(root), dryRun: true).RecordAsync("macro", "ab12", Response("[DRY-RUN SIM] rates up"), simulated: false, Ct);
        await root.PutAsync("journal/calls/2025-01-10/macro/ab12.json", (await root.GetAsync("dry_run/journal/calls/2025-01-10/macro/ab12.json", Ct))!, Ct);
        Assert.Null(await real.FindAsync("macro", "ab12", Ct));
    }

    [Fact]
    public async Task An_entry_for_another_request_or_a_torn_one_is_refused_not_replayed()
    {
        var root = new FileSystemObjectStore(_root);
        var journal = Journal(root, dryRun: false);
        await journal.RecordAsync("macro", "ab12", Response("answer"), simulated: false, Ct);
        await root.PutAsync("journal/calls/2025-01-10/macro/cd34.json", (await root.GetAsync("journal/calls/2025-01-10/macro/ab12.json", Ct))!, Ct);
        await root.PutAsync("journal/calls/2025-01-10/macro/ef56.json", Encoding.UTF8.GetBytes("{\"schema_version\":1,"), Ct);

        Assert.Null(await journal.FindAsync("macro", "cd34", Ct));
        Assert.Null(await journal.FindAsync("macro", "ef56", Ct));
        Assert.Equal(2, _log.Collector.GetSnapshot().Count(r => r.Id == ObjectStoreCallJournal.RefusedEvent));
    }

    [Fact]
    public async Task A_call_the_simulator_answered_is_never_recorded_or_replayed_in_the_real_namespace_whatever_its_content()
    {
        var root = new FileSystemObjectStore(_root);
        var real = Journal(root, dryRun: false);
        // No marker anywhere (an answer with no strings): provenance alone decides.
        await real.RecordAsync("sector_team:healthcare", "ab12", Response("{}"), simulated: true, Ct);
        Assert.Empty(await root.ListAsync("", Ct));
        Assert.Contains(_log.Collector.GetSnapshot(), r => r.Id == ObjectStoreCallJournal.RefusedEvent && r.Message.Contains("simulator", StringComparison.Ordinal));

        var dry = Journal(DryRunObjectStore.Wrap(root), dryRun: true);
        await dry.RecordAsync("sector_team:healthcare", "ab12", Response("{}"), simulated: true, Ct);
        Assert.True((await dry.FindAsync("sector_team:healthcare", "ab12", Ct))!.Simulated);

        // Planted in the real namespace by hand: refused by its provenance.
        await root.PutAsync("journal/calls/2025-01-10/sector_team_healthcare/ab12.json",
            (await root.GetAsync("dry_run/journal/calls/2025-01-10/sector_team_healthcare/ab12.json", Ct))!, Ct);
        Assert.Null(await real.FindAsync("sector_team:healthcare", "ab12", Ct));
    }
}
