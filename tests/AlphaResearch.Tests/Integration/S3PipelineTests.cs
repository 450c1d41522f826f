using Amazon.Runtime;
using Amazon.S3;
using AlphaResearch.Archive;
using AlphaResearch.Cli.Composition;
using AlphaResearch.Config;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using Microsoft.Extensions.Logging.Abstractions;

namespace AlphaResearch.Tests.Integration;

/// <summary>
/// A run with `--store s3://...` against a real S3-protocol server (s3rver, started by .ci/run): everything
/// lands in the bucket, and the research database travels through it, so a second machine (an empty local
/// cache) picks up the first week's population. Skipped when ALPHA_RESEARCH_S3_TEST_URL is not set.
/// </summary>
public sealed class S3PipelineTests
{
    private static IObjectStore Bucket()
    {
        string? url = Environment.GetEnvironmentVariable("ALPHA_RESEARCH_S3_TEST_URL");
        string bucket = Environment.GetEnvironmentVariable("ALPHA_RESEARCH_S3_TEST_BUCKET") ?? "alpha-research-test";
        Assert.SkipWhen(string.IsNullOrEmpty(url), "ALPHA_RESEARCH_S3_TEST_URL is not set (run .ci/run, which starts s3rver)");
        var client = new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"),
            new AmazonS3Config { ServiceURL = url, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        return new S3ObjectStore(client, bucket, $"pipeline-{Guid.NewGuid():N}");
    }

    private static async Task<RunResult> DryRunAsync(IObjectStore root, DateOnly date)
    {
        var config = new AlphaResearchConfig();
        var runStore = RunNamespace.StoreFor(root, LlmProvider.Stub);
        var composition = await new RunServicesFactory(environment: _ => null)
            .CreateAsync(new RunRequest { Provider = LlmProvider.Stub, RunDate = date, Config = config }, runStore, TestContext.Current.CancellationToken);
        return await new RunEngine(root, composition.Services, config.Engine, TimeProvider.System, NullLogger.Instance)
            .RunAsync(new RunOptions(composition.RunDate), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Dry_runs_on_an_s3_store_keep_everything_in_the_bucket_and_carry_the_database()
    {
        var ct = TestContext.Current.CancellationToken;
        var root = Bucket();
        var cache = LocalStateFolder.For(DryRunObjectStore.Wrap(root));
        try
        {
            var week1 = await DryRunAsync(root, new DateOnly(2025, 1, 3));
            Assert.Equal(RunStatus.Ok, week1.Status);
            var keys = await root.ListAsync("", ct);
            Assert.All(keys, k => Assert.StartsWith("dry_run/", k));
            Assert.Contains("dry_run/research.db", keys);
            Assert.Contains("dry_run/signals/2025-01-03/signals.json", keys);
            Assert.Contains("dry_run/archive/agent_runs/2025-01-03/cio.json", keys);

            // Another machine: nothing cached locally, the database comes from the bucket.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(cache, recursive: true);
            var week2 = await DryRunAsync(root, new DateOnly(2025, 1, 10));
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
