using System.Text.Json.Nodes;
using AlphaResearch.Cli.Infrastructure;
using Spectre.Console.Testing;

namespace AlphaResearch.Tests.Cli;

/// <summary>`review` over a real dry run (stub provider, embedded sample): a name traced end to end, summaries, bad input.</summary>
public sealed class ReviewCommandTests : IAsyncLifetime
{
    private readonly string _store = Directory.CreateTempSubdirectory("ar-review-").FullName;

    public async ValueTask InitializeAsync() => Assert.Equal(0, (await Cli("run", "--dry-run", "--json", "--store", _store)).Code);

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_store, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task<(int Code, string Out, string Err)> Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await CliApp.RunAsync(args, null, new CliOutput(stdout, stderr, new TestConsole().Width(120)));
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The first name the CIO advanced in the dry run, read from its artifact.</summary>
    private string Advanced()
    {
        var cio = JsonNode.Parse(File.ReadAllText(Path.Combine(_store, "dry_run", "decision_artifacts", "2025-01-10", "cio", "artifact.json")))!;
        return cio["output"]!["advanced_tickers"]![0]!.GetValue<string>();
    }

    [Fact]
    public async Task A_ticker_is_traced_from_its_team_through_the_cio_to_the_population()
    {
        string ticker = Advanced();

        var (code, stdout, _) = await Cli("review", "--date", "2025-01-10", "--ticker", ticker.ToLowerInvariant(), "--dry-run", "--json", "--store", _store);

        Assert.Equal(0, code);
        var trace = JsonNode.Parse(stdout)!;
        Assert.Equal(ticker, trace["ticker"]!.GetValue<string>());
        var team = trace["teams"]!.AsArray().Single()!;
        Assert.StartsWith("sector_team:", team["team"]!.GetValue<string>());
        Assert.NotNull(team["quant_score"]);
        Assert.Contains("peer review", team["peer_review"]!.GetValue<string>());
        var cio = trace["cio"]!;
        Assert.StartsWith("ADVANCE", cio["decision"]!.GetValue<string>());
        Assert.NotNull(cio["sector"]);
        Assert.NotNull(cio["rule_tags"]);
        Assert.Contains(trace["population_events"]!.AsArray(), e => e!["reason"]!.GetValue<string>().StartsWith("IC_ADVANCE", StringComparison.Ordinal));

        var (textCode, text, _) = await Cli("review", "--date", "2025-01-10", "--ticker", ticker, "--dry-run", "--store", _store);
        Assert.Equal(0, textCode);
        Assert.Contains($"{ticker} in the run of 2025-01-10", text);
        Assert.Contains("- proposed by sector_team:", text);
        Assert.Contains("- CIO: ADVANCE", text);
        Assert.Contains("- population: entry (IC_ADVANCE", text);
    }

    [Fact]
    public async Task Without_a_ticker_every_agent_is_summarised_and_an_agent_filter_keeps_one()
    {
        var (code, stdout, _) = await Cli("review", "--date", "2025-01-10", "--dry-run", "--json", "--store", _store);
        Assert.Equal(0, code);
        var all = JsonNode.Parse(stdout)!;
        Assert.NotNull(all["macro"]!["market_regime"]);
        Assert.Equal(6, all["teams"]!.AsArray().Count);
        Assert.NotEmpty(all["cio"]!["decisions"]!.AsArray());
        Assert.NotNull(all["population"]);

        var (oneCode, one, _) = await Cli("review", "--date", "2025-01-10", "--agent", "technology", "--dry-run", "--json", "--store", _store);
        Assert.Equal(0, oneCode);
        var only = JsonNode.Parse(one)!;
        Assert.Equal("sector_team:technology", only["teams"]!.AsArray().Single()!["team"]!.GetValue<string>());
        Assert.Null(only["macro"]);
        Assert.Null(only["cio"]);
    }

    [Theory]
    [InlineData("--ticker", "ZZZZ", "unknown ticker 'ZZZZ'")]
    [InlineData("--agent", "astrology", "unknown agent 'astrology'")]
    public async Task Unknown_ticker_or_agent_is_exit_2_naming_it(string option, string value, string message)
    {
        var (code, _, stderr) = await Cli("review", "--date", "2025-01-10", option, value, "--dry-run", "--store", _store);
        Assert.Equal(2, code);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public async Task A_date_without_a_run_or_a_malformed_date_is_exit_2_naming_it()
    {
        var (code, _, stderr) = await Cli("review", "--date", "2025-01-03", "--dry-run", "--store", _store);
        Assert.Equal(2, code);
        Assert.Contains("no decision artifacts for 2025-01-03", stderr);
        var (bad, _, badErr) = await Cli("review", "--date", "10/01/2025", "--store", _store);
        Assert.Equal(2, bad);
        Assert.Contains("--date '10/01/2025' is not a date", badErr);
    }
}
