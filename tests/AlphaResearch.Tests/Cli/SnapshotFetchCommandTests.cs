using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Tests.MarketData;
using Spectre.Console.Testing;

namespace AlphaResearch.Tests.Cli;

/// <summary>`snapshot fetch --edgar`: refuses without a declared User-Agent, reports offline as a failure, fetches with per-ticker progress.</summary>
public sealed class SnapshotFetchCommandTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("ar-fetch-cli-").FullName;
    public void Dispose() => Directory.Delete(_out, recursive: true);

    private static async Task<(int Code, string Out, string Err)> Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await CliApp.RunAsync(args, null, new CliOutput(stdout, stderr, new TestConsole().Width(300)));
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("alpha-research")]
    [InlineData("ops@example.com")]
    public async Task Without_a_user_agent_naming_someone_with_an_email_it_refuses_with_exit_2(string? ua)
    {
        string[] args = ["snapshot", "fetch", "--edgar", "--tickers", "AAPL", "--out", _out, "--base-url", "http://127.0.0.1:9/"];
        var (code, _, err) = await Cli(ua is null ? args : [.. args, "--user-agent", ua]);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--user-agent", err);
        Assert.Contains("SEC fair access", err);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_out));
    }

    [Fact]
    public async Task Offline_is_exit_1_with_what_to_do()
    {
        var (code, _, err) = await Cli("snapshot", "fetch", "--edgar", "--tickers", "AAPL", "--user-agent", "Jane Doe jane@example.com",
            "--out", _out, "--base-url", $"http://127.0.0.1:{EdgarTestServer.FreePort()}");
        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("cannot reach http://127.0.0.1:", err);
        Assert.Contains("check the network connection", err);
    }

    [Fact]
    public async Task A_fetch_prints_progress_per_ticker_on_stderr_and_the_result_on_stdout()
    {
        using var server = new EdgarTestServer(TimeProvider.System);
        var (code, stdout, err) = await Cli("snapshot", "fetch", "--edgar", "--tickers", "aapl,KO", "--user-agent", "Jane Doe jane@example.com",
            "--out", _out, "--base-url", server.BaseUrl.ToString(), "--insider-days", "0", "--json");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("[1/2] AAPL: submissions, company facts, 0 insider filing(s)", err);
        Assert.Contains("[2/2] KO: submissions, company facts", err);
        Assert.Contains("\"tickers\": 2", stdout);
        Assert.All(server.Log, l => Assert.Equal("Jane Doe jane@example.com", l.UserAgent));
        Assert.True(File.Exists(Path.Combine(_out, "edgar", "companyfacts", "KO.json")));
    }

    [Fact]
    public async Task Tickers_or_all_but_not_both()
    {
        var (code, _, err) = await Cli("snapshot", "fetch", "--edgar", "--user-agent", "Jane Doe jane@example.com", "--out", _out);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("pass either --tickers", err);
    }
}
