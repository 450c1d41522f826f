using AlphaResearch.Archive;
using AlphaResearch.Config;
using AlphaResearch.Engine;
using AlphaResearch.Hosting;
using AlphaResearch.Llm;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlphaResearch.Tests.Integration;

/// <summary>
/// The call journal keys on the whole request, so the prompts must render the same bytes for the same inputs: two
/// full runs of the same snapshot and date, with wall clocks days apart, produce exactly the same request keys for
/// every one of their model calls (no wall-clock text, no random ids in any prompt).
/// </summary>
public sealed class PromptDeterminismTests : IDisposable
{
    private readonly List<string> _roots = [];

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var r in _roots) try { Directory.Delete(r, recursive: true); } catch (IOException) { }
    }

    /// <summary>The system clock moved by an offset: real timers, a different "now".</summary>
    private sealed class ShiftedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }

    private async Task<List<string>> RequestKeysOfARunAsync(TimeSpan clockOffset)
    {
        var root = Path.Combine(Path.GetTempPath(), "ar-determinism-" + Guid.NewGuid().ToString("N"));
        _roots.Add(root);
        var store = new FileSystemObjectStore(root);
        var time = new ShiftedClock(clockOffset);
        var config = new AlphaResearchConfig();
        var composer = new RunComposer(environment: _ => null, time: time);
        var composition = await composer.CreateAsync(new RunRequest { Provider = LlmProvider.Stub, Config = config },
            RunNamespace.StoreFor(store, LlmProvider.Stub), TestContext.Current.CancellationToken);
        var result = await new RunEngine(store, composition.Services, config.Engine, time, NullLogger.Instance)
            .RunAsync(new RunOptions(composition.RunDate), TestContext.Current.CancellationToken);
        Assert.Equal(RunStatus.Ok, result.Status);
        return (await store.ListAsync("dry_run/" + ObjectStoreCallJournal.Prefix, TestContext.Current.CancellationToken)).ToList();
    }

    [Fact]
    public async Task Two_renders_of_the_same_inputs_produce_identical_request_hashes()
    {
        var monday = await RequestKeysOfARunAsync(TimeSpan.Zero);
        var laterInTheWeek = await RequestKeysOfARunAsync(TimeSpan.FromDays(3) + TimeSpan.FromHours(7) + TimeSpan.FromSeconds(13));

        Assert.True(monday.Count > 50, $"expected every model call of a run journaled, got {monday.Count}");
        Assert.Equal(monday, laterInTheWeek);
    }
}
