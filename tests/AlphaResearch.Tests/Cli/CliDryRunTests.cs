using System.Text.Json.Nodes;
using AlphaResearch.Cli.Infrastructure;
using Spectre.Console.Testing;

namespace AlphaResearch.Tests.Cli;

/// <summary>The real CLI end to end (stub provider, embedded sample): progress on stderr, JSON on stdout, show, the brief.</summary>
public sealed class CliDryRunTests : IDisposable
{
    private readonly string _store = Directory.CreateTempSubdirectory("ar-cli-").FullName;
    public void Dispose() => Directory.Delete(_store, recursive: true);

    private async Task<(int Code, string Out, string Err, string Console)> Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = new TestConsole().Width(80);
        int code = await CliApp.RunAsync(args, null, new CliOutput(stdout, stderr, console));
        return (code, stdout.ToString(), stderr.ToString(), console.Output);
    }

    private string Brief() => File.ReadAllText(Path.Combine(_store, "dry_run", "briefs", "2025-01-10", "brief.md"));

    [Fact]
    public async Task A_json_dry_run_reports_progress_on_stderr_and_the_result_on_stdout_then_show_reads_it()
    {
        var (code, stdout, stderr, _) = await Cli("run", "--dry-run", "--json", "--store", _store);
        Assert.Equal(0, code);
        var json = JsonNode.Parse(stdout)!;
        Assert.Equal("OK", (string)json["status"]!);
        Assert.True((bool)json["dry_run"]!);
        Assert.Matches(@"""cost_usd"": \d+\.\d{4}\b", stdout);
        Assert.Contains("] phase macro", stderr);
        Assert.Contains("] phase commit", stderr);
        Assert.Contains("] sector_team:technology done", stderr);
        Assert.Contains("info: LLM gateway: provider stub", stderr);
        Assert.DoesNotContain("earlier attempt", Brief());

        // Again: every agent resumes, and the brief says what the earlier attempt paid.
        (code, _, _, _) = await Cli("run", "--dry-run", "--json", "--store", _store);
        Assert.Equal(0, code);
        Assert.Contains("paid by an earlier attempt for this date, whose agents this run resumed", Brief());

        var (showCode, _, _, console) = await Cli("show", "--dry-run", "--store", _store);
        Assert.Equal(0, showCode);
        Assert.Contains("Macro regime summary", console);
    }

    [Fact]
    public async Task Every_jsonl_file_a_run_writes_has_no_byte_order_mark()
    {
        Assert.Equal(0, (await Cli("run", "--dry-run", "--json", "--store", _store)).Code);
        // The usage ledger and the decision artifacts' usage.jsonl: plain UTF-8, one JSON object per line.
        var jsonl = Directory.EnumerateFiles(_store, "*.jsonl", SearchOption.AllDirectories).ToArray();
        Assert.Equal(2, jsonl.Length);
        Assert.All(jsonl, f => Assert.False(File.ReadAllBytes(f).AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF]), $"{f} starts with a BOM"));
        Assert.All(jsonl, f => Assert.All(File.ReadAllLines(f), l => JsonNode.Parse(l)));
    }

    [Fact]
    public async Task With_log_format_json_every_stderr_line_is_a_json_object()
    {
        var (code, _, stderr, console) = await Cli("run", "--dry-run", "--log-format", "json", "--store", _store);
        Assert.Equal(0, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToArray();
        Assert.Contains(lines, l => (string?)l["event"] == "phase" && (string?)l["phase"] == "teams");
        Assert.Contains(lines, l => (string?)l["event"] == "agent" && (string?)l["agent"] == "cio" && (string?)l["state"] == "done");
        Assert.All(lines, l => Assert.NotNull((string?)l["ts"]));
        Assert.Contains($"read the brief with: alpha-research show --dry-run --store {_store}", console.Replace("\n", ""));
    }
}
