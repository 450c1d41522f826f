using System.Text;
using Amazon.Runtime;
using Amazon.S3;
using AlphaResearch.Archive;

namespace AlphaResearch.Tests.Archive;

/// <summary>The behaviour every <see cref="IObjectStore"/> must have; run against each backend.</summary>
public abstract class ObjectStoreContractTests
{
    protected static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>A fresh, empty store (a unique folder or prefix per test).</summary>
    protected abstract IObjectStore CreateStore();

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);
    private static string S(byte[]? b) => b is null ? "<null>" : Encoding.UTF8.GetString(b);

    [Fact]
    public async Task Put_then_get_round_trips_bytes()
    {
        var store = CreateStore();
        await store.PutAsync("archive/agent_runs/2026-05-16/macro.json", B("{\"a\":1}"), Ct);
        Assert.Equal("{\"a\":1}", S(await store.GetAsync("archive/agent_runs/2026-05-16/macro.json", Ct)));
    }

    [Fact]
    public async Task Large_object_round_trips_exactly()
    {
        var store = CreateStore();
        var data = new byte[300_000];
        new Random(7).NextBytes(data);
        await store.PutAsync("big/blob.bin", data, Ct);
        Assert.Equal(data, await store.GetAsync("big/blob.bin", Ct));
    }

    [Fact]
    public async Task Missing_object_is_null_and_does_not_exist()
    {
        var store = CreateStore();
        Assert.Null(await store.GetAsync("nothing/here.json", Ct));
        Assert.False(await store.ExistsAsync("nothing/here.json", Ct));
    }

    [Fact]
    public async Task Put_overwrites_and_exists_reports_it()
    {
        var store = CreateStore();
        await store.PutAsync("k/v.json", B("one"), Ct);
        await store.PutAsync("k/v.json", B("two"), Ct);
        Assert.True(await store.ExistsAsync("k/v.json", Ct));
        Assert.Equal("two", S(await store.GetAsync("k/v.json", Ct)));
    }

    [Fact]
    public async Task Put_if_absent_creates_once_and_never_overwrites()
    {
        var store = CreateStore();
        Assert.True(await store.PutIfAbsentAsync("locks/2026-05-16.lock", B("first"), Ct));
        Assert.False(await store.PutIfAbsentAsync("locks/2026-05-16.lock", B("second"), Ct));
        Assert.Equal("first", S(await store.GetAsync("locks/2026-05-16.lock", Ct)));
    }

    [Fact]
    public async Task Delete_removes_and_is_idempotent()
    {
        var store = CreateStore();
        await store.PutAsync("a/b.json", B("x"), Ct);
        await store.DeleteAsync("a/b.json", Ct);
        Assert.Null(await store.GetAsync("a/b.json", Ct));
        await store.DeleteAsync("a/b.json", Ct);
    }

    [Fact]
    public async Task List_returns_keys_under_the_prefix_in_ordinal_order()
    {
        var store = CreateStore();
        foreach (var k in new[] { "archive/sector_team_runs/2026-05-16/technology.json", "archive/sector_team_runs/2026-05-16/consumer.json",
                     "archive/sector_team_runs/2026-05-23/consumer.json", "archive/agent_runs/2026-05-16/macro.json", "signals/2026-05-16/signals.json" })
            await store.PutAsync(k, B("x"), Ct);

        Assert.Equal(["archive/sector_team_runs/2026-05-16/consumer.json", "archive/sector_team_runs/2026-05-16/technology.json"],
            await store.ListAsync("archive/sector_team_runs/2026-05-16/", Ct));
        Assert.Equal(["archive/agent_runs/2026-05-16/macro.json", "archive/sector_team_runs/2026-05-16/consumer.json",
                "archive/sector_team_runs/2026-05-16/technology.json", "archive/sector_team_runs/2026-05-23/consumer.json"],
            await store.ListAsync("archive/", Ct));
        Assert.Equal(5, (await store.ListAsync("", Ct)).Count);
        Assert.Empty(await store.ListAsync("nothing/", Ct));
    }

    [Theory]
    [InlineData("../escape.json")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\b.json")]
    [InlineData("a//b.json")]
    [InlineData("a/./b.json")]
    [InlineData("tickers/BRK B.json")]
    [InlineData("")]
    public async Task Unsafe_keys_are_rejected(string key)
    {
        var store = CreateStore();
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(key, B("x"), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync(key, Ct));
    }

    [Fact]
    public async Task Dry_run_view_confines_keys_under_dry_run()
    {
        var root = CreateStore();
        var dry = DryRunObjectStore.Wrap(root);
        await dry.PutAsync("archive/agent_runs/2026-05-16/macro.json", B("stub"), Ct);
        Assert.True(await dry.PutIfAbsentAsync("locks/2026-05-16.lock", B("l"), Ct));

        Assert.Null(await root.GetAsync("archive/agent_runs/2026-05-16/macro.json", Ct));
        Assert.Equal("stub", S(await root.GetAsync("dry_run/archive/agent_runs/2026-05-16/macro.json", Ct)));
        Assert.Equal(["archive/agent_runs/2026-05-16/macro.json", "locks/2026-05-16.lock"], await dry.ListAsync("", Ct));
        Assert.Equal(["dry_run/archive/agent_runs/2026-05-16/macro.json", "dry_run/locks/2026-05-16.lock"], await root.ListAsync("", Ct));
        Assert.EndsWith("/dry_run", dry.Location);
    }
}

public sealed class FileSystemObjectStoreTests : ObjectStoreContractTests, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ar-fs-" + Guid.NewGuid().ToString("N"));

    protected override IObjectStore CreateStore() => new FileSystemObjectStore(Path.Combine(_root, Guid.NewGuid().ToString("N")));

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Writes_leave_no_temp_files_and_land_at_the_key_path()
    {
        var store = new FileSystemObjectStore(_root);
        await store.PutAsync("archive/agent_runs/2026-05-16/cio.json", "{}"u8.ToArray(), Ct);
        await store.PutIfAbsentAsync("archive/agent_runs/2026-05-16/cio.json", "{}"u8.ToArray(), Ct);
        var files = Directory.GetFiles(_root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_root, f)).ToList();
        Assert.Equal([Path.Combine("archive", "agent_runs", "2026-05-16", "cio.json")], files);
    }

    [Fact]
    public async Task A_leftover_temp_file_from_a_crash_is_not_listed()
    {
        var store = new FileSystemObjectStore(_root);
        await store.PutAsync("signals/2026-05-16/signals.json", "{}"u8.ToArray(), Ct);
        File.WriteAllText(Path.Combine(_root, "signals", "2026-05-16", ".signals.json.0123.tmp"), "{\"tor");
        Assert.Equal(["signals/2026-05-16/signals.json"], await store.ListAsync("signals/", Ct));
        Assert.Equal("{}", Encoding.UTF8.GetString((await store.GetAsync("signals/2026-05-16/signals.json", Ct))!));
    }

    [Fact]
    public async Task Concurrent_put_if_absent_has_exactly_one_winner()
    {
        var store = new FileSystemObjectStore(_root);
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => store.PutIfAbsentAsync("locks/2026-05-16.lock", Encoding.UTF8.GetBytes($"owner-{i}"), Ct))));
        Assert.Equal(1, results.Count(r => r));
    }
}

/// <summary>
/// Against a real S3-protocol server (s3rver, started by .ci/run). Skipped, and reported as skipped,
/// when ALPHA_RESEARCH_S3_TEST_URL is not set.
/// </summary>
public sealed class S3ObjectStoreTests : ObjectStoreContractTests
{
    private static readonly string RunPrefix = "contract-" + Guid.NewGuid().ToString("N");

    protected override IObjectStore CreateStore() => S3TestServer.OpenOrSkip($"{RunPrefix}/{Guid.NewGuid():N}");

    /// <summary>
    /// The probe must agree with what the server does with a second If-None-Match: * create. s3rver ignores the header
    /// (so this store's lock falls back to check-then-put and the run warns); AWS S3 refuses it (412).
    /// </summary>
    [Fact]
    public async Task The_atomic_create_probe_agrees_with_the_server()
    {
        var store = (S3ObjectStore)CreateStore();
        bool probed = await store.HasAtomicCreateAsync(Ct);
        var client = S3TestServer.Client();
        string key = $"{RunPrefix}/direct-{Guid.NewGuid():N}";
        Amazon.S3.Model.PutObjectRequest Put() => new()
        {
            BucketName = S3TestServer.Bucket, Key = key, ContentBody = "x", IfNoneMatch = "*", UseChunkEncoding = false,
        };
        await client.PutObjectAsync(Put(), Ct);
        bool refused;
        try
        {
            await client.PutObjectAsync(Put(), Ct);
            refused = false;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.PreconditionFailed)
        {
            refused = true;
        }
        Assert.Equal(refused, probed);
        Assert.Empty(await store.ListAsync("", Ct)); // the probe cleans up after itself
    }

    [Fact]
    public void Location_names_bucket_and_prefix()
    {
        var store = new S3ObjectStore(new AmazonS3Client(new BasicAWSCredentials("a", "b"),
            new AmazonS3Config { ServiceURL = "http://127.0.0.1:1", ForcePathStyle = true }), "bucket", "/team/x/");
        Assert.Equal("s3://bucket/team/x", store.Location);
    }
}

public sealed class ObjectStoreFactoryTests
{
    [Fact]
    public void Default_is_the_local_alpha_research_folder()
    {
        var store = Assert.IsType<FileSystemObjectStore>(ObjectStoreFactory.Open(null));
        Assert.Equal(Path.GetFullPath("./.alpha-research"), store.Location);
    }

    [Fact]
    public void S3_uri_opens_an_s3_store()
    {
        var store = Assert.IsType<S3ObjectStore>(ObjectStoreFactory.Open("s3://my-bucket/research/prod",
            new S3StoreOptions { ServiceUrl = "http://127.0.0.1:9", ForcePathStyle = true, Region = "us-east-1" }));
        Assert.Equal("s3://my-bucket/research/prod", store.Location);
    }

    [Theory]
    [InlineData("s3://", "has no bucket")]
    [InlineData("s3://bucket/../x", "invalid prefix '../x'")]
    public void Malformed_s3_uris_are_explained(string uri, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => ObjectStoreFactory.Open(uri));
        Assert.Contains(expected, ex.Message);
    }

    [Theory]
    [InlineData("archive/agent_runs/2026-05-16/macro.json", true)]
    [InlineData("tickers/BRK-B.json", true)]
    [InlineData("a/.hidden", false)]
    [InlineData("a/..", false)]
    [InlineData("a/b/", false)]
    [InlineData("C:/x", false)]
    [InlineData("é.json", false)]
    public void Key_validation(string key, bool valid) => Assert.Equal(valid, ObjectKeys.IsValid(key));
}
