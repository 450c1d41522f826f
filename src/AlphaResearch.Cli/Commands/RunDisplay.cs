using System.Collections.Concurrent;
using System.Globalization;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AlphaResearch.Cli.Commands;

/// <summary>Per-agent state collected from engine events, rendered as a table (live) or as plain lines.</summary>
internal sealed class RunDisplay(TextWriter? lines) : IRunObserver
{
    private sealed record Row(AgentState State, string? Detail, UsageTotals Usage);

    private readonly ConcurrentDictionary<string, Row> _rows = new();
    private volatile string _phase = "starting";

    public void PhaseChanged(string phase)
    {
        _phase = phase;
        lines?.WriteLine($"[{Now()}] phase {phase}");
    }

    public void AgentChanged(string agentId, AgentState state, string? detail)
    {
        _rows.AddOrUpdate(agentId, _ => new Row(state, detail, UsageTotals.Zero), (_, r) => r with { State = state, Detail = detail });
        if (state != AgentState.Waiting) lines?.WriteLine($"[{Now()}] {agentId} {state.ToString().ToLowerInvariant()}{(detail is null ? "" : ": " + detail)}");
    }

    public void UsageChanged(string agentId, UsageTotals totals) =>
        _rows.AddOrUpdate(agentId, _ => new Row(AgentState.Running, null, totals), (_, r) => r with { Usage = totals });

    public IRenderable Render()
    {
        var table = new Table().Title($"alpha-research run — phase [bold]{Markup.Escape(_phase)}[/]")
            .AddColumn("agent").AddColumn("state").AddColumn(new TableColumn("calls").RightAligned())
            .AddColumn(new TableColumn("tokens in/out").RightAligned()).AddColumn(new TableColumn("cost").RightAligned())
            .AddColumn(new TableColumn("429 waits").RightAligned()).AddColumn("detail");
        foreach (var id in RunEngine.AllAgentIds)
        {
            var row = _rows.GetValueOrDefault(id) ?? new Row(AgentState.Waiting, null, UsageTotals.Zero);
            table.AddRow(Markup.Escape(id), StateMarkup(row.State), row.Usage.Calls.ToString(CultureInfo.InvariantCulture),
                $"{row.Usage.InputTokens:N0}/{row.Usage.OutputTokens:N0}", $"${row.Usage.CostUsd:0.0000}",
                row.Usage.RateLimitWaits.ToString(CultureInfo.InvariantCulture), Markup.Escape(Shorten(row.Detail)));
        }
        return table;
    }

    private static string StateMarkup(AgentState s) => s switch
    {
        AgentState.Waiting => "[grey]waiting[/]",
        AgentState.Running => "[yellow]running[/]",
        AgentState.Resumed => "[blue]resumed[/]",
        AgentState.Done => "[green]done[/]",
        AgentState.Partial => "[red]partial[/]",
        _ => "[red]failed[/]",
    };

    private static string Shorten(string? s) => s is null ? "" : s.Length <= 60 ? s : s[..59] + "…";
    private static string Now() => DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
