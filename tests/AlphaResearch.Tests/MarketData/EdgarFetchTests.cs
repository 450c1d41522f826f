using AlphaResearch.MarketData;

namespace AlphaResearch.Tests.MarketData;

/// <summary>
/// snapshot fetch --edgar against a local EDGAR serving the real AAPL/KO submissions files: fair-access rate limit
/// (measured on the virtual clock), 429/503 backoff honouring Retry-After, resume from the cache after an
/// interruption, the offline error, the User-Agent rule.
/// </summary>
public sealed class EdgarFetchTests : IDisposable
{
    private const string Ua = "Alpha Research Tests tests@example.com";
    private static readonly DateTimeOffset Now = new(2025, 1, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly AutoAdvancingClock _clock = new(Now);
    private readonly EdgarTestServer _server;
    private readonly string _out = Directory.CreateTempSubdirectory("ar-edgar-fetch-").FullName;

    public EdgarFetchTests() => _server = new EdgarTestServer(_clock);

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_out, recursive: true);
    }

    private EdgarFetchOptions Options(int insiderDays, params string[] tickers) =>
        new() { Tickers = tickers, UserAgent = Ua, Out = _out, BaseUrl = _server.BaseUrl, InsiderDays = insiderDays };

    private Task<EdgarFetchResult> Fetch(EdgarFetchOptions o, List<EdgarFetchProgress>? progress = null) =>
        new EdgarFetcher(_clock).FetchAsync(o, progress is null ? null : new SyncProgress(progress), TestContext.Current.CancellationToken);

    private Task<EdgarFetchResult> FetchUntil(EdgarFetchOptions o, CancellationTokenSource cts) =>
        new EdgarFetcher(_clock).FetchAsync(o, null, cts.Token);

    private sealed class SyncProgress(List<EdgarFetchProgress> list) : IProgress<EdgarFetchProgress>
    {
        public void Report(EdgarFetchProgress value) { lock (list) list.Add(value); }
    }

    [Fact]
    public async Task At_most_ten_requests_go_out_in_any_second_each_with_the_declared_user_agent()
    {
        var progress = new List<EdgarFetchProgress>();
        var r = await Fetch(Options(120, "AAPL"), progress: progress);

        var log = _server.Log.ToArray();
        Assert.Equal(22, log.Length); // ticker map, submissions, company facts, 19 Form 4 documents filed 2024-09-12..2025-01-10
        Assert.Equal(22, r.Requests);
        Assert.All(log, l => Assert.Equal(Ua, l.UserAgent));
        for (int i = 0; i + 10 < log.Length; i++)
            Assert.True(log[i + 10].At - log[i].At >= TimeSpan.FromSeconds(1), $"requests {i}..{i + 10} within {log[i + 10].At - log[i].At}");
        Assert.Equal(TimeSpan.FromSeconds(2.1), log[^1].At - log[0].At); // evenly spaced at 100 ms: the limit, not slower

        var insider = EdgarInsiderReader.Read("insider", File.ReadAllBytes(Path.Combine(_out, "edgar", "insider", "AAPL.json")));
        Assert.Equal(38, insider.Count); // two transactions in each fixture document
        Assert.Equal(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "edgar", "submissions", "CIK0000320193.json")),
            File.ReadAllBytes(Path.Combine(_out, "text", "edgar_submissions", "AAPL.json")));
        var facts = EdgarCompanyFactsReader.Read("facts", "AAPL", File.ReadAllBytes(Path.Combine(_out, "edgar", "companyfacts", "AAPL.json")));
        Assert.Equal(391_035e6, XbrlFundamentals.Derive(facts, new DateOnly(2025, 1, 10)).RevenueTtm!.Value, 1e-3);
        var line = Assert.Single(progress);
        Assert.Equal(("AAPL", 1, 1), (line.Ticker, line.Index, line.Count));
        Assert.Contains("19 insider filing(s), 38 transaction(s) (21 request(s), 0 from cache)", line.Status);
    }

    [Fact]
    public async Task A_429_waits_for_its_retry_after_and_a_503_backs_off_then_the_fetch_succeeds()
    {
        const string path = "/submissions/CIK0000320193.json";
        _server.Fail(path, (429, "7"), (503, null));
        var r = await Fetch(Options(1, "AAPL"));

        var tries = _server.Log.Where(l => l.Path == path).ToArray();
        Assert.Equal([429, 503, 200], tries.Select(t => t.Status));
        Assert.True(tries[1].At - tries[0].At >= TimeSpan.FromSeconds(7), $"retried after {tries[1].At - tries[0].At}");
        Assert.True(tries[2].At - tries[1].At >= TimeSpan.FromSeconds(4), $"retried after {tries[2].At - tries[1].At}"); // 2^2 s, no header
        Assert.Equal(2, r.Retries);
        Assert.True(File.Exists(Path.Combine(_out, "text", "edgar_submissions", "AAPL.json")));
    }

    [Fact]
    public async Task Retries_end_with_an_error_that_says_what_to_do()
    {
        _server.Fail("/files/company_tickers.json", Enumerable.Repeat((503, (string?)"1"), EdgarClient.MaxAttempts).ToArray());
        var e = await Assert.ThrowsAsync<EdgarFetchException>(() => Fetch(Options(1, "AAPL")));
        Assert.Contains("HTTP 503 after 6 attempts", e.Message);
        Assert.Contains("run the same command again", e.Message);
    }

    [Fact]
    public async Task An_interrupted_fetch_resumes_from_the_cache_without_asking_again()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        _server.OnRequest = n => { if (n == 6) cts.Cancel(); }; // stop in the middle of AAPL's Form 4 documents
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FetchUntil(Options(60, "AAPL", "KO"), cts));
        // The 6th request was in flight when the run stopped: it was never answered, so it is not cached.
        var first = _server.Log.Take(5).Select(l => l.Path).ToArray();
        Assert.False(File.Exists(Path.Combine(_out, "edgar", "insider", "AAPL.json"))); // outputs only for complete tickers

        _server.OnRequest = null;
        while (_server.Log.TryDequeue(out _)) { }
        var r = await Fetch(Options(60, "AAPL", "KO"));
        var second = _server.Log.Select(l => l.Path).ToArray();
        Assert.NotEmpty(second);
        Assert.Empty(second.Intersect(first)); // what was fetched before came from the cache
        Assert.Equal(first.Length, r.CacheHits);
        foreach (var t in new[] { "AAPL", "KO" })
        {
            Assert.True(File.Exists(Path.Combine(_out, "text", "edgar_submissions", t + ".json")));
            Assert.True(File.Exists(Path.Combine(_out, "edgar", "companyfacts", t + ".json")));
            Assert.True(File.Exists(Path.Combine(_out, "edgar", "insider", t + ".json")));
        }

        // A third run asks for nothing at all.
        while (_server.Log.TryDequeue(out _)) { }
        await Fetch(Options(60, "AAPL", "KO"));
        Assert.Empty(_server.Log);
    }

    [Fact]
    public async Task Offline_is_a_clear_error_naming_the_host()
    {
        var o = Options(1, "AAPL") with { BaseUrl = new Uri($"http://127.0.0.1:{EdgarTestServer.FreePort()}/") };
        var e = await Assert.ThrowsAsync<EdgarFetchException>(() => Fetch(o));
        Assert.StartsWith($"cannot reach {o.BaseUrl.GetLeftPart(UriPartial.Authority)}", e.Message);
        Assert.Contains("check the network connection", e.Message);
    }

    [Fact]
    public async Task A_ticker_sec_does_not_know_is_skipped_and_reported()
    {
        var progress = new List<EdgarFetchProgress>();
        var r = await Fetch(Options(1, "ZZZZ", "KO"), progress: progress);
        Assert.Equal(["ZZZZ"], r.Skipped);
        Assert.Equal(1, r.Tickers);
        Assert.Contains("not in SEC's company_tickers.json", progress[0].Status);
    }

    [Theory]
    [InlineData("Jane Doe jane@example.com", true)]
    [InlineData("Acme Research ops@acme.co.uk", true)]
    [InlineData("jane@example.com", false)]
    [InlineData("Jane Doe", false)]
    [InlineData("", false)]
    public void The_user_agent_must_name_someone_and_give_an_email(string ua, bool ok) =>
        Assert.Equal(ok, EdgarFetchOptions.CheckUserAgent(ua) is null);

    [Fact]
    public async Task The_limiter_spaces_tokens_on_the_clock()
    {
        var clock = new AutoAdvancingClock(Now);
        var limiter = new EdgarRateLimiter(clock, 10);
        var times = new List<DateTimeOffset>();
        for (int i = 0; i < 25; i++)
        {
            await limiter.WaitAsync(TestContext.Current.CancellationToken);
            times.Add(clock.GetUtcNow());
        }
        Assert.Equal(Enumerable.Range(0, 25).Select(i => Now + TimeSpan.FromMilliseconds(100 * i)), times);
    }
}
