using AlphaResearch.Tests.MarketData;

namespace AlphaResearch.Tests.Integration;

/// <summary>
/// `snapshot fetch --edgar` as a real process, SIGKILLed in the middle of a ticker: the next fetch asks the server
/// for nothing it had already answered (every answered response is in the cache, written whole) and completes.
/// </summary>
public sealed class EdgarFetchKillTests : IDisposable
{
    private const string Ua = "Alpha Research Tests tests@example.com";
    private readonly string _out = Path.Combine(Path.GetTempPath(), "ar-edgar-kill-" + Guid.NewGuid().ToString("N"));
    private readonly EdgarTestServer _server = new(TimeProvider.System);

    public void Dispose()
    {
        _server.Dispose();
        try { Directory.Delete(_out, recursive: true); } catch (DirectoryNotFoundException) { }
    }

    private string[] Args() => ["snapshot", "fetch", "--edgar", "--tickers", "AAPL", "--user-agent", Ua, "--out", _out, "--base-url", _server.BaseUrl.ToString()];

    [Fact]
    public async Task A_fetch_killed_mid_ticker_resumes_from_its_cache_without_asking_again()
    {
        using var release = new ManualResetEventSlim(false);
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Hold the 3rd request (AAPL's company facts, after the ticker map and the submissions index) until the process
        // that asked for it is dead. (The Form 4 documents that follow depend on today's date: --insider-days counts back from it.)
        _server.OnRequest = n => { if (n == 3) { reached.TrySetResult(); release.Wait(TimeSpan.FromSeconds(60)); } };

        string[] answered;
        using (var first = CliProcess.Start(new Dictionary<string, string>(), Args()))
        {
            await reached.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            answered = _server.Log.Select(l => l.Path).ToArray();
            first.Kill();
            var (code, _, _) = await first.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.NotEqual(0, code);
        }
        Assert.Equal(["/files/company_tickers.json", "/submissions/CIK0000320193.json"], answered);
        Assert.False(File.Exists(Path.Combine(_out, "edgar", "insider", "AAPL.json"))); // outputs only for complete tickers

        _server.OnRequest = null;
        release.Set(); // the held request is now answered to nobody; wait for its log line, then start counting afresh
        Assert.True(SpinWait.SpinUntil(() => _server.Log.Count == 3, TimeSpan.FromSeconds(10)));
        while (_server.Log.TryDequeue(out _)) { }

        using var second = CliProcess.Start(new Dictionary<string, string>(), Args());
        var (exit, stdout, stderr) = await second.WaitAsync(TimeSpan.FromSeconds(90));
        Assert.True(exit == 0, $"exit {exit}; stdout: {stdout}; stderr: {stderr}");
        var asked = _server.Log.Select(l => l.Path).ToArray();
        Assert.Empty(asked.Intersect(answered)); // nothing answered before the kill is asked again
        Assert.Contains("/api/xbrl/companyfacts/CIK0000320193.json", asked); // the held request was never received: asked again
        Assert.Contains("1 from cache)", stderr); // the submissions index (the ticker map is not per ticker)
        Assert.True(File.Exists(Path.Combine(_out, "edgar", "insider", "AAPL.json")));
        Assert.True(File.Exists(Path.Combine(_out, "edgar", "companyfacts", "AAPL.json")));
        Assert.Empty(Directory.GetFiles(_out, "*.partial", SearchOption.AllDirectories));

        // A third fetch asks for nothing at all.
        while (_server.Log.TryDequeue(out _)) { }
        using var third = CliProcess.Start(new Dictionary<string, string>(), Args());
        Assert.Equal(0, (await third.WaitAsync(TimeSpan.FromSeconds(60))).Code);
        Assert.Empty(_server.Log);
    }
}
