using System.Globalization;
using System.Text.Json.Nodes;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Engine;

namespace AlphaResearch.Cli.Commands;

/// <summary>
/// Off a terminal, a run waiting on 429s or the governor can be silent for minutes: every 30 s (on the injected
/// clock) while agents are still running or waiting, one line says the run is alive, where it is and what it spent.
/// </summary>
internal sealed class RunHeartbeat : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly RunDisplay _display;
    private readonly CliLogWriter _lines;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _started;
    private readonly ITimer _timer;

    public RunHeartbeat(RunDisplay display, CliLogWriter lines, TimeProvider time)
    {
        _display = display;
        _lines = lines;
        _time = time;
        _started = time.GetUtcNow();
        _timer = time.CreateTimer(_ => Beat(), null, Interval, Interval);
    }

    private void Beat()
    {
        var (states, usage) = _display.Snapshot();
        int running = states.GetValueOrDefault(AgentState.Running), waiting = states.GetValueOrDefault(AgentState.Waiting);
        if (running + waiting == 0) return; // nothing is waiting: the run is finishing
        int done = states.GetValueOrDefault(AgentState.Done) + states.GetValueOrDefault(AgentState.Resumed);
        int failed = states.GetValueOrDefault(AgentState.Failed) + states.GetValueOrDefault(AgentState.Partial);
        var elapsed = _time.GetUtcNow() - _started;
        string message = $"still running after {Elapsed(elapsed)}: phase {_display.Phase}, {running} running, {waiting} waiting, {done} done, " +
                         $"{failed} failed; {usage.Calls} calls, {usage.RateLimitWaits} 429 waits, {CostFormat.Usd(usage.CostUsd)}";
        _lines.Write("info", "heartbeat", message, fields: new Dictionary<string, JsonNode?>
        {
            ["elapsed_s"] = (int)elapsed.TotalSeconds, ["phase"] = _display.Phase, ["running"] = running, ["waiting"] = waiting,
            ["done"] = done, ["failed"] = failed, ["calls"] = usage.Calls, ["rate_limit_waits"] = usage.RateLimitWaits,
            ["cost_usd"] = CostFormat.Round(usage.CostUsd) + 0.0000m,
        });
    }

    private static string Elapsed(TimeSpan t) => t.TotalHours >= 1
        ? $"{(int)t.TotalHours}h{t.Minutes:00}m"
        : $"{(int)t.TotalMinutes}m{t.Seconds.ToString("00", CultureInfo.InvariantCulture)}s";

    public void Dispose() => _timer.Dispose();
}
