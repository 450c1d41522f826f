using System.Text.Json.Nodes;
using AlphaResearch.Archive;
using AlphaResearch.Cli.Commands;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.Llm.Simulator;
using AlphaResearch.MarketData;
using Spectre.Console.Testing;

namespace AlphaResearch.Tests.Cli;

/// <summary>What the CLI prints: tables that fit 80 columns without breaking words, fixed-decimal costs, useful hints.</summary>
public sealed class OutputHygieneTests
{
    private static string[] At80(Spectre.Console.Rendering.IRenderable renderable)
    {
        var console = new TestConsole().Width(80);
        console.Write(renderable);
        var rows = console.Output.Split('\n');
        Assert.All(rows, r => Assert.True(r.TrimEnd().Length <= 80, $"wider than 80: {r}"));
        return rows;
    }

    [Fact]
    public async Task The_scores_table_fits_80_columns_with_every_sector_name_whole()
    {
        var console = new TestConsole().Width(80);
        int code = await CliApp.RunAsync(["scores", "--top", "40"], null, new CliOutput(TextWriter.Null, TextWriter.Null, console));
        Assert.Equal(0, code);
        var rows = console.Output.Split('\n');
        Assert.All(rows, r => Assert.True(r.TrimEnd().Length <= 80, $"wider than 80: {r}"));
        var tableRows = rows.Where(r => System.Text.RegularExpressions.Regex.IsMatch(r, @"^\s+\d+\s+[A-Z]")).ToArray();
        Assert.Equal(40, tableRows.Length); // one line per ticker: nothing wrapped
        Assert.Contains(tableRows, r => r.Contains(" Info Tech ") || r.Contains(" Industrials "));
    }

    [Fact]
    public void The_status_table_fits_80_columns_and_details_wrap_between_words()
    {
        var agents = RunEngine.AllAgentIds.Select(id => new AgentStatus(id, $"archive/{id}.json", ArchiveVerdict.UnknownSchemaVersion,
            "schema: $.sectors[3].conviction must be an integer between 0 and 100 (got 250)", "anthropic", DateTimeOffset.UnixEpoch)).ToArray();
        var rows = At80(StatusCommand.Render(new RunDateStatus("2025-01-10", "/a/rather/long/store/path/.alpha-research", false, agents, false, null)));
        foreach (var id in RunEngine.AllAgentIds) Assert.Contains(rows, r => r.Contains(id) && r.Contains("anthropic") && r.Contains("1970-01-01 00:00"));
        foreach (var word in new[] { "conviction", "integer", "between" }) Assert.Contains(rows, r => r.Contains(word));
    }

    [Fact]
    public void The_run_summary_fits_80_columns_with_reasons_below()
    {
        var result = new RunResult
        {
            Status = RunStatus.Error, RunDate = "2025-01-10", Phase = "strict_gate", Store = "/s",
            Agents = RunEngine.AllAgentIds.Select(id => new AgentResult(id, AgentOutcomeKind.Failed,
                "RateLimitError: 429 after the retry deadline (75 min) passed", new UsageTotals(9, 0, 0, 0, 0, 0, 123.4567m))).ToArray(),
        };
        var rows = At80(RunCommand.SummaryTable(result));
        foreach (var id in RunEngine.AllAgentIds) Assert.Contains(rows, r => r.Contains(id) && r.Contains("failed") && r.Contains("$123.4567"));
        Assert.Contains(rows, r => r.Contains("cio: RateLimitError: 429 after the retry deadline"));
    }

    [Fact]
    public void The_bench_table_fits_80_columns_with_every_figure_whole()
    {
        var totals = new UsageTotals(60, 1_239_853, 90_000, 273_168, 6_000, 0, 1.2345m);
        WorkloadResult Result(bool governor, int limited) => new(governor, TimeSpan.FromSeconds(191.9), 1_239_853, 309_963, limited,
            60 + limited, 60, totals, 1_239_853, 90_000, 273_168, 6_000);
        var rows = At80(BenchLlmCommand.ResultTable([Result(true, 0), Result(false, 208)]));
        Assert.DoesNotContain(rows, r => r.Contains('…'));
        Assert.Contains(rows, r => r.Contains("governor on") && r.Contains("governor off"));
        Assert.Contains(rows, r => r.Contains("uncached input") && r.Contains("1,239,853"));
        Assert.Contains(rows, r => r.Contains("requests / calls") && r.Contains("268 / 60"));
        Assert.Contains(rows, r => r.Contains("cost") && r.Contains("$1.2345"));
    }

    [Fact]
    public void Costs_in_json_output_have_four_fixed_decimals()
    {
        var json = JsonNode.Parse(CliJson.Serialize(new
        {
            CostUsd = 0.012299999m,
            Usage = new { CostUsd = 1m },
            Agents = new[] { new { ResumedCostUsd = 0.5m, Calls = 3 } },
        }))!;
        Assert.Equal("0.0123", json["cost_usd"]!.ToJsonString());
        Assert.Equal("1.0000", json["usage"]!["cost_usd"]!.ToJsonString());
        Assert.Equal("0.5000", json["agents"]![0]!["resumed_cost_usd"]!.ToJsonString());
        Assert.Equal("3", json["agents"]![0]!["calls"]!.ToJsonString());
        Assert.Equal("$0.0100", CostFormat.Usd(0.01m));
    }

    [Theory]
    [InlineData(null, false, "read the brief with: alpha-research show")]
    [InlineData("/tmp/my store", true, "read the brief with: alpha-research show --dry-run --store '/tmp/my store'")]
    [InlineData("s3://bucket/prefix", false, "read the brief with: alpha-research show --store s3://bucket/prefix")]
    public void Hints_after_a_run_repeat_the_store(string? store, bool dryRun, string expected)
    {
        var result = new RunResult { Status = RunStatus.Ok, RunDate = "2025-01-10", Phase = "done", Store = store ?? ".alpha-research", DryRun = dryRun };
        Assert.Equal([expected], RunCommand.NextSteps(result, new RunSettings { Store = store, DryRun = dryRun }));
        var failed = result with { Status = RunStatus.Error };
        Assert.Contains(store is null ? "status" : $"--store", RunCommand.NextSteps(failed, new RunSettings { Store = store })[0]);
    }

    [Fact]
    public void Snapshot_check_explains_fundamentals_hidden_by_the_as_of_rule()
    {
        var snapshot = new SnapshotLoader().Load(SampleSnapshot.Locate());
        var view = snapshot.AsOf(new DateOnly(2025, 1, 10));
        Assert.Equal(
            "0 fundamentals as of 2025-01-10: the snapshot holds 465, observed 2026-08-22, so the as-of rule hides them from runs before that date " +
            "(no look-ahead); a run dated 2026-08-22 or later sees them",
            SnapshotCheckCommand.FundamentalsNote(snapshot, view));
        Assert.Null(SnapshotCheckCommand.FundamentalsNote(snapshot, snapshot));
    }

    [Fact]
    public async Task Snapshot_check_json_carries_the_hidden_fundamentals()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, await CliApp.RunAsync(["snapshot", "check", "--json"], null, new CliOutput(stdout, TextWriter.Null, new TestConsole())));
        var json = JsonNode.Parse(stdout.ToString())!;
        Assert.Equal(0, (int)json["fundamentals"]!);
        Assert.Equal(465, (int)json["fundamentals_in_snapshot"]!);
        Assert.Equal("2026-08-22", (string)json["fundamentals_visible_from"]!);
    }

    [Fact]
    public async Task Scores_ticker_looks_names_up_with_their_universe_rank()
    {
        var all = new StringWriter();
        await CliApp.RunAsync(["scores", "--top", "500", "--json"], null, new CliOutput(all, TextWriter.Null, new TestConsole()));
        var ranks = JsonNode.Parse(all.ToString())!["rows"]!.AsArray().ToDictionary(r => (string)r!["ticker"]!, r => (int)r!["rank"]!);

        var some = new StringWriter();
        Assert.Equal(0, await CliApp.RunAsync(["scores", "--ticker", "msft, aapl", "--json"], null, new CliOutput(some, TextWriter.Null, new TestConsole())));
        var rows = JsonNode.Parse(some.ToString())!["rows"]!.AsArray();
        Assert.Equal(["MSFT", "AAPL"], rows.Select(r => (string)r!["ticker"]!).ToArray());
        Assert.Equal(ranks["MSFT"], (int)rows[0]!["rank"]!);
        Assert.Equal(ranks["AAPL"], (int)rows[1]!["rank"]!);
    }

    [Fact]
    public async Task Scores_with_an_unknown_ticker_is_exit_2_naming_it()
    {
        var err = new StringWriter();
        int code = await CliApp.RunAsync(["scores", "--ticker", "AAPL,APPL"], null, new CliOutput(TextWriter.Null, err, new TestConsole()));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("error: --ticker APPL is not a constituent of the snapshot\nhint: did you mean AAPL?\n", err.ToString().ReplaceLineEndings("\n"));
    }
}
