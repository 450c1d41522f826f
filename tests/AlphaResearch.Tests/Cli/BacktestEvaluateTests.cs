using System.Text.Json.Nodes;
using AlphaResearch.Cli.Infrastructure;
using Spectre.Console.Testing;

namespace AlphaResearch.Tests.Cli;

/// <summary>`backtest` then `evaluate` through the real CLI on the embedded sample, stub provider.</summary>
public sealed class BacktestEvaluateTests : IDisposable
{
    private readonly string _store = Directory.CreateTempSubdirectory("ar-bt-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_store, recursive: true);
    }

    private static async Task<(int Code, string Out, string Err)> Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await CliApp.RunAsync(args, null, new CliOutput(stdout, stderr, new TestConsole().Width(120)));
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task A_stub_backtest_over_several_weeks_then_evaluate_gives_json_with_every_horizon_filled()
    {
        // Five weekly runs, 2024-10-01 .. 2024-10-29: the last one's 21-session window ends 2024-11-27, inside the sample.
        var (code, stdout, stderr) = await Cli("backtest", "--from", "2024-10-01", "--to", "2024-10-29", "--store", _store);
        Assert.True(code == 0, stderr + stdout);
        for (int k = 1; k <= 5; k++) Assert.Contains($"week {k} of 5:", stderr);
        Assert.Contains("backtest complete: 5 run", stdout);
        Assert.False(Directory.Exists(Path.Combine(_store, "signals")), "a stub backtest writes only under dry_run/");

        (code, stdout, stderr) = await Cli("evaluate", "--dry-run", "--json", "--store", _store);
        Assert.True(code == 0, stderr);
        var json = JsonNode.Parse(stdout)!.AsObject();
        Assert.Equal(5, json["run_dates"]!.AsArray().Count);
        var horizons = json["horizons"]!.AsArray();
        Assert.Equal([5, 10, 21], horizons.Select(h => (int)h!["days"]!));
        foreach (var h in horizons)
        {
            Assert.True((int)h!["count"]! > 0);
            Assert.Equal(0, (int)h["pending"]!);
            Assert.InRange((double)h["hit_rate"]!, 0, 1);
            Assert.NotNull(h["mean_alpha"]);
            Assert.NotNull(h["median_alpha"]);
            Assert.NotNull(h["ic"]);
            Assert.NotNull(h["ic_t"]);
            Assert.Equal(2, h["mean_alpha_ci95"]!.AsArray().Count);
        }
        var baseline = json["baseline"]!["horizons"]!.AsArray();
        Assert.All(baseline, b => Assert.True((int)b!["count"]! > 0));

        var signals = json["signals"]!.AsArray();
        var first = signals[0]!;
        foreach (var key in new[] { "run_date", "ticker", "signal", "score", "rating", "team", "horizon_days", "return", "spy_return", "alpha" })
            Assert.True(first.AsObject().ContainsKey(key), key);
        // alpha = return − spy_return, as fractions
        Assert.All(signals, s => Assert.Equal((double)s!["return"]! - (double)s["spy_return"]!, (double)s["alpha"]!, 12));
        Assert.All(signals, s => Assert.InRange((double)s!["return"]!, -0.9, 2));

        // Started again, every week is already published and the backtest completes without running anything.
        (code, stdout, _) = await Cli("backtest", "--from", "2024-10-01", "--to", "2024-10-29", "--store", _store);
        Assert.Equal(0, code);
        Assert.Contains("0 run, 5 already published", stdout);

        // Runs published before tracking existed (no score_performance rows) are tracked from their signals.json.
        await using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_store, "dry_run", "research.db")};Pooling=False"))
        {
            await c.OpenAsync(TestContext.Current.CancellationToken);
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "DELETE FROM score_performance";
            Assert.True(await cmd.ExecuteNonQueryAsync(TestContext.Current.CancellationToken) > 0);
        }
        (code, stdout, _) = await Cli("evaluate", "--dry-run", "--json", "--store", _store);
        Assert.Equal(0, code);
        var again = JsonNode.Parse(stdout)!;
        Assert.Equal(horizons.Select(h => (int)h!["count"]!), again["horizons"]!.AsArray().Select(h => (int)h!["count"]!));
        Assert.Equal(signals.ToJsonString(), again["signals"]!.ToJsonString());

        var html = Path.Combine(_store, "evaluation.html");
        (code, _, _) = await Cli("evaluate", "--dry-run", "--store", _store, "--html", html, "--horizons", "5");
        Assert.Equal(0, code);
        var page = File.ReadAllText(html);
        Assert.Contains("<svg", page);
        Assert.DoesNotContain("<script", page);
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org/2000/svg", ""));
    }

    [Theory]
    [InlineData("--horizons", "5,x", "--horizons")]
    [InlineData("--horizons", "0", "--horizons")]
    public async Task Evaluate_refuses_bad_options_with_exit_2_naming_the_option(string option, string value, string named)
    {
        var (code, _, stderr) = await Cli("evaluate", "--dry-run", "--store", _store, option, value);
        Assert.Equal(2, code);
        Assert.Contains(named, stderr);
    }

    [Fact]
    public async Task Evaluate_on_an_empty_store_says_nothing_is_published()
    {
        var (code, _, stderr) = await Cli("evaluate", "--dry-run", "--store", _store);
        Assert.Equal(2, code);
        Assert.Contains("nothing has been published", stderr);
    }

    [Theory]
    [InlineData("--to", "2024-10-08", "--from")]                                   // --from missing
    [InlineData("--from", "2024-10-08", "--to")]                                   // --to missing
    [InlineData("--from", "2024-13-01", "--from")]
    public async Task Backtest_refuses_bad_dates_with_exit_2(string option, string value, string named)
    {
        string[] args = option == "--to" ? ["backtest", "--to", value, "--store", _store] : ["backtest", "--from", value, "--store", _store];
        if (named == "--from" && option == "--from") args = ["backtest", "--from", value, "--to", "2024-10-08", "--store", _store];
        var (code, _, stderr) = await Cli(args);
        Assert.Equal(2, code);
        Assert.Contains(named, stderr);
    }

    [Fact]
    public async Task Backtest_refuses_a_bad_step_and_a_paid_provider_without_confirmation()
    {
        var (code, _, stderr) = await Cli("backtest", "--from", "2024-10-01", "--to", "2024-10-29", "--every", "fortnight", "--store", _store);
        Assert.Equal(2, code);
        Assert.Contains("--every", stderr);

        (code, _, stderr) = await Cli("backtest", "--from", "2024-10-01", "--to", "2024-10-29", "--llm", "anthropic", "--store", _store);
        Assert.Equal(2, code);
        Assert.Contains("--confirm-paid", stderr);
        Assert.Empty(Directory.GetFileSystemEntries(_store)); // nothing started
    }
}
