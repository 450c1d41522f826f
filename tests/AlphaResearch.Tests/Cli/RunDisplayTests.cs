using System.Text.Json.Nodes;
using AlphaResearch.Cli.Commands;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;

namespace AlphaResearch.Tests.Cli;

public sealed class RunDisplayTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 16, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Table_shows_state_tokens_cost_and_429_waits_per_agent()
    {
        var display = new RunDisplay(lines: null);
        display.PhaseChanged("teams");
        display.AgentChanged("macro", AgentState.Resumed, null);
        display.AgentChanged("sector_team:technology", AgentState.Running, null);
        display.UsageChanged("sector_team:technology", new UsageTotals(4, 12000, 900, 0, 0, 2, 0.0123m));
        display.AgentChanged("sector_team:financials", AgentState.Failed, "RateLimitError 429");

        var console = new TestConsole().Width(160);
        console.Write(display.Render());
        string[] rows = console.Output.Split('\n');

        Assert.Contains(rows, r => r.Contains("phase teams"));
        Assert.Contains(rows, r => r.Contains("macro") && r.Contains("resumed"));
        Assert.Contains(rows, r => r.Contains("sector_team:technology") && r.Contains("running") && r.Contains("12k/900") && r.Contains("$0.0123") && r.Contains(" 2 "));
        Assert.Contains(rows, r => r.Contains("sector_team:financials") && r.Contains("failed"));
        Assert.Contains(rows, r => r.Contains("sector_team:financials: RateLimitError 429"));
        Assert.Contains(rows, r => r.Contains("cio") && r.Contains("waiting"));
    }

    [Fact]
    public void At_80_columns_every_agent_row_keeps_its_words_whole()
    {
        var display = new RunDisplay(lines: null);
        display.PhaseChanged("teams");
        foreach (var id in RunEngine.AllAgentIds) display.UsageChanged(id, new UsageTotals(12, 1_234_567, 98_765, 0, 0, 3, 12.3456m));
        display.AgentChanged("sector_team:financials", AgentState.Failed, "RateLimitError 429 after the retry deadline of 75 minutes passed");

        var console = new TestConsole().Width(80);
        console.Write(display.Render());
        string[] rows = console.Output.Split('\n');

        Assert.All(rows, r => Assert.True(r.TrimEnd().Length <= 80, r));
        foreach (var id in RunEngine.AllAgentIds)
            Assert.Contains(rows, r => r.Contains(id) && r.Contains("1.23M/98.8k") && r.Contains("$12.3456"));
        // Only the free-text detail column may wrap, and it wraps between words.
        foreach (var word in new[] { "RateLimitError", "deadline", "minutes" }) Assert.Contains(rows, r => r.Contains(word));
    }

    [Fact]
    public void Plain_mode_writes_one_line_per_change_and_skips_waiting()
    {
        var output = new StringWriter();
        var display = new RunDisplay(new CliLogWriter(output, LogFormat.Text, _time));
        display.PhaseChanged("cio");
        display.AgentChanged("cio", AgentState.Waiting, null);
        display.AgentChanged("cio", AgentState.Running, null);
        display.AgentChanged("cio", AgentState.Failed, "empty decisions");
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^\[\d\d:\d\d:\d\d\] phase cio$", lines[0]);
        Assert.EndsWith("] cio running", lines[1]);
        Assert.EndsWith("] warn: cio failed: empty decisions", lines[2]);
    }

    [Fact]
    public void Json_log_format_writes_one_object_per_line_with_the_event_fields()
    {
        var output = new StringWriter();
        var display = new RunDisplay(new CliLogWriter(output, LogFormat.Json, _time));
        display.PhaseChanged("teams");
        display.AgentChanged("sector_team:consumer", AgentState.Done, null);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToArray();
        Assert.Equal("phase", (string)lines[0]["event"]!);
        Assert.Equal("teams", (string)lines[0]["phase"]!);
        Assert.Equal("2026-05-16T12:00:00.000Z", (string)lines[0]["ts"]!);
        Assert.Equal("agent", (string)lines[1]["event"]!);
        Assert.Equal("sector_team:consumer", (string)lines[1]["agent"]!);
        Assert.Equal("done", (string)lines[1]["state"]!);
    }
}
