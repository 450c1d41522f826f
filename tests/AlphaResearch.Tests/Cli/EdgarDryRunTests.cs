using System.Text.Json.Nodes;
using AlphaResearch.Cli.Infrastructure;
using Spectre.Console.Testing;

namespace AlphaResearch.Tests.Cli;

/// <summary>
/// The dry run on the embedded sample: the technology team's qual tools read the sample's EDGAR parts (NVDA's XBRL
/// facts, filing index and insider fixture; PLTR's filing index), and the decision artifact's tool transcript shows it.
/// </summary>
public sealed class EdgarDryRunTests : IDisposable
{
    private readonly string _store = Directory.CreateTempSubdirectory("ar-edgar-").FullName;
    public void Dispose() => Directory.Delete(_store, recursive: true);

    [Fact]
    public async Task The_dry_runs_qual_tools_return_filings_fundamentals_and_insider_data()
    {
        var console = new TestConsole().Width(80);
        int code = await CliApp.RunAsync(["run", "--dry-run", "--json", "--store", _store], null, new CliOutput(new StringWriter(), new StringWriter(), console));
        Assert.Equal(0, code);

        var artifact = JsonNode.Parse(File.ReadAllText(Path.Combine(_store, "dry_run", "decision_artifacts", "2025-01-10", "sector_team-technology", "artifact.json")))!;
        var qual = artifact["output"]!["tool_calls"]!.AsArray().Where(c => (string?)c!["phase"] == "qual").ToArray();
        var profile = qual.Single(c => (string?)c!["tool"] == "get_company_profile");
        var summary = (string)profile!["result_summary"]!;
        Assert.Equal("NVDA", (string?)profile["ticker"]);
        Assert.Contains("\"evidence\":\"TTM rev $113.3B", summary);          // XBRL fundamentals (fixture) as filed by 2025-01-10
        Assert.Contains("10-Q 51d", summary);                                 // filing recency from the filing index
        Assert.Contains("insiders 90d: net selling, 0 buyers/1 sellers", summary); // the 90-day insider summary

        var filings = qual.Single(c => (string?)c!["tool"] == "get_recent_filings");
        Assert.Equal("PLTR", (string?)filings!["ticker"]);
        Assert.Contains("\"latest_before_window\":[{\"form\":\"8-K\",\"filing_date\":\"2024-11-14\"", (string)filings["result_summary"]!);
        Assert.All(qual, c => Assert.False((bool)c!["is_error"]!));
    }
}
