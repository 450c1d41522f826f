using AlphaResearch.Cli.Commands;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using Spectre.Console.Testing;

namespace AlphaResearch.Tests.Cli;

public sealed class RunDisplayTests
{
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
        Assert.Contains(rows, r => r.Contains("sector_team:technology") && r.Contains("running") && r.Contains("12,000/900") && r.Contains("$0.0123") && r.Contains(" 2 "));
        Assert.Contains(rows, r => r.Contains("sector_team:financials") && r.Contains("failed") && r.Contains("RateLimitError 429"));
        Assert.Contains(rows, r => r.Contains("cio") && r.Contains("waiting"));
    }

    [Fact]
    public void Plain_mode_writes_one_line_per_change_and_skips_waiting()
    {
        var lines = new StringWriter();
        var display = new RunDisplay(lines);
        display.AgentChanged("cio", AgentState.Waiting, null);
        display.AgentChanged("cio", AgentState.Failed, "empty decisions");
        var output = lines.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(output);
        Assert.EndsWith("] cio failed: empty decisions", output[0].TrimEnd('\r'));
    }
}
