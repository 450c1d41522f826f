using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AlphaResearch.Cli.Commands;

/// <summary>
/// Per-agent state collected from engine events, rendered as a table (live, on a terminal) or written as one
/// progress line per phase and agent change (off a terminal and with --json).
/// </summary>
internal sealed class RunDisplay(CliLogWriter? lines) : IRunObserver
{
    private sealed record Row(AgentState State, string? Detail, UsageTotals Usage);

    private readonly ConcurrentDictionary<string, Row> _rows = new();
    private volatile string _phase = "starting";

    public string Phase => _phase;

    public void PhaseChanged(string phase)
    {
        _phase = phase;
        lines?.Write("info", "phase", $"phase {phase}", fields: new Dictionary<string, JsonNode?> { ["phase"] = phase });
    }

    public void AgentChanged(string agentId, AgentState state, string? detail)
    {
        _rows.AddOrUpdate(agentId, _ => new Row(state, detail, UsageTotals.Zero), (_, r) => r with { State = state, Detail = detail });
        if (state == AgentState.Waiting) return;
        string name = state.ToString().ToLowerInvariant();
        lines?.Write(state is AgentState.Failed or AgentState.Partial ? "warn" : "info", "agent",
            $"{agentId} {name}{(detail is null ? "" : ": " + detail)}",
            fields: new Dictionary<string, JsonNode?> { ["agent"] = agentId, ["state"] = name, ["detail"] = detail });
    }

    public void UsageChanged(string agentId, UsageTotals totals) =>
        _rows.AddOrUpdate(agentId, _ => new Row(AgentState.Running, null, totals), (_, r) => r with { Usage = totals });

    /// <summary>Counts by state over all agents, and the run's totals so far (for heartbeats).</summary>
    public (IReadOnlyDictionary<AgentState, int> States, UsageTotals Usage) Snapshot()
    {
        var states = RunEngine.AllAgentIds
            .GroupBy(id => _rows.TryGetValue(id, out var r) ? r.State : AgentState.Waiting)
            .ToDictionary(g => g.Key, g => g.Count());
        var usage = _rows.Values.Aggregate(UsageTotals.Zero, (a, r) => new UsageTotals(a.Calls + r.Usage.Calls, a.InputTokens + r.Usage.InputTokens,
            a.OutputTokens + r.Usage.OutputTokens, a.CacheReadTokens + r.Usage.CacheReadTokens, a.CacheWriteTokens + r.Usage.CacheWriteTokens,
            a.RateLimitWaits + r.Usage.RateLimitWaits, a.CostUsd + r.Usage.CostUsd));
        return (states, usage);
    }

    public IRenderable Render()
    {
        // No-wrap columns that fit 80 terminal columns; the free-text details go below the table, where they wrap
        // between words at any width instead of squeezing a column.
        var table = new Table().Title($"alpha-research run — phase [bold]{Markup.Escape(_phase)}[/]")
            .AddColumn(new TableColumn("agent").NoWrap()).AddColumn(new TableColumn("state").NoWrap()).AddColumn(Right("calls"))
            .AddColumn(Right("in/out")).AddColumn(Right("cost")).AddColumn(Right("429s"));
        var details = new List<IRenderable>();
        foreach (var id in RunEngine.AllAgentIds)
        {
            var row = _rows.GetValueOrDefault(id) ?? new Row(AgentState.Waiting, null, UsageTotals.Zero);
            table.AddRow(Markup.Escape(id), StateMarkup(row.State), row.Usage.Calls.ToString(CultureInfo.InvariantCulture),
                $"{Compact(row.Usage.InputTokens)}/{Compact(row.Usage.OutputTokens)}", CostFormat.Usd(row.Usage.CostUsd),
                row.Usage.RateLimitWaits.ToString(CultureInfo.InvariantCulture));
            if (row.Detail is { Length: > 0 } detail) details.Add(new Markup($"[grey]{Markup.Escape(id)}:[/] {Markup.Escape(Shorten(detail))}"));
        }
        return details.Count == 0 ? table : new Rows([table, .. details]);
    }

    private static TableColumn Right(string header) => new TableColumn(header).RightAligned().NoWrap();

    /// <summary>12,345 → "12.3k": token counts stay narrow enough for an 80-column terminal.</summary>
    internal static string Compact(long n) => n switch
    {
        < 10_000 => n.ToString("N0", CultureInfo.InvariantCulture),
        < 1_000_000 => (n / 1000d).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => (n / 1_000_000d).ToString("0.##", CultureInfo.InvariantCulture) + "M",
    };

    private static string StateMarkup(AgentState s) => s switch
    {
        AgentState.Waiting => "[grey]waiting[/]",
        AgentState.Running => "[yellow]running[/]",
        AgentState.Resumed => "[blue]resumed[/]",
        AgentState.Done => "[green]done[/]",
        AgentState.Partial => "[red]partial[/]",
        _ => "[red]failed[/]",
    };

    private static string Shorten(string s) => s.Length <= 200 ? s : s[..199] + "…";
}
