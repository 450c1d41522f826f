using AlphaResearch.Archive;
using AlphaResearch.Tests.Archive;
using AlphaResearch.Hosting;
using AlphaResearch.Engine;
using AlphaResearch.Llm;

namespace AlphaResearch.Tests.Integration;

/// <summary>
/// A run with `--store s3://...` against a real S3-protocol server (s3rver, started by .ci/run): everything
/// lands in the bucket, and the research database travels through it, so a second machine (an empty local
/// cache) picks up the first week's population. Skipped when ALPHA_RESEARCH_S3_TEST_URL is not set.
/// </summary>
public sealed class S3PipelineTests
{
    [Fact]
    public async Task Dry_runs_on_an_s3_store_keep_everything_in_the_bucket_and_carry_the_database()
    {
        var ct = TestContext.Current.CancellationToken;
        using var h = new PipelineHarness(S3TestServer.OpenOrSkip($"pipeline-{Guid.NewGuid():N}"));
        var root = h.Store;
        var cache = LocalStateFolder.For(DryRunObjectStore.Wrap(root));
        try
        {
            var week1 = (await h.RunAsync(LlmProvider.Stub, new DateOnly(2025, 1, 3))).Result;
            Assert.Equal(RunStatus.Ok, week1.Status);
            var keys = await root.ListAsync("", ct);
            Assert.All(keys, k => Assert.StartsWith("dry_run/", k));
            Assert.Contains("dry_run/research.db", keys);
            Assert.Contains("dry_run/signals/2025-01-03/signals.json", keys);
            Assert.Contains("dry_run/archive/agent_runs/2025-01-03/cio.json", keys);

            // Another machine: nothing cached locally, the database comes from the bucket.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(cache, recursive: true);
            var week2 = (await h.RunAsync(LlmProvider.Stub, new DateOnly(2025, 1, 10))).Result;
            Assert.Equal(RunStatus.Ok, week2.Status);

            var prior = await new ResearchDatabase(Path.Combine(cache, "research.db")).LoadAsync(new DateOnly(2025, 1, 10), ct);
            Assert.Equal(new DateOnly(2025, 1, 3), prior.PreviousRunDate);
            Assert.NotEmpty(prior.Population);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        }
    }
}
