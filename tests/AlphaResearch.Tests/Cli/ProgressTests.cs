using System.Text.Json.Nodes;
using AlphaResearch.Cli.Commands;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AlphaResearch.Tests.Cli;

/// <summary>Off a terminal and with --json, stderr says what the run is doing: logger lines, waits and heartbeats.</summary>
public sealed class ProgressTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 16, 12, 0, 0, TimeSpan.Zero));
    private readonly StringWriter _err = new();

    private string[] Lines() => _err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    [Fact]
    public void Information_from_any_category_is_printed_debug_only_with_verbose()
    {
        var writer = new CliLogWriter(_err, LogFormat.Text, _time);
        using (var loggers = new CliLoggerProvider(writer, verbose: false).CreateFactory())
        {
            var retry = loggers.CreateLogger("AlphaResearch.Llm.RateLimitRetryChatClient");
            retry.LogInformation("consumer: 429, waiting 58 s, attempt 3, 61 min left of 75");
            retry.LogDebug("consumer: 429, waiting 2 s, attempt 1");
            loggers.CreateLogger("Some.Other.Category").LogWarning("ledger write failed");
        }
        Assert.Equal(["[12:00:00] info: consumer: 429, waiting 58 s, attempt 3, 61 min left of 75", "[12:00:00] warn: ledger write failed"], Lines());

        using var verbose = new CliLoggerProvider(writer, verbose: true).CreateFactory();
        verbose.CreateLogger("AlphaResearch.Llm.TokenGovernor").LogDebug("governor: waiting 3 s for input tokens");
        Assert.Equal("[12:00:00] debug: governor: waiting 3 s for input tokens", Lines()[^1]);
    }

    [Fact]
    public void A_credential_in_a_log_message_is_redacted()
    {
        using var loggers = new CliLoggerProvider(new CliLogWriter(_err, LogFormat.Json, _time), verbose: false).CreateFactory();
        loggers.CreateLogger("x").LogWarning("proxy said: x-api-key: sk-ant-api03-AbCdEfGhIjKlMnOp");
        Assert.DoesNotContain("sk-ant-api03", _err.ToString());
        var line = JsonNode.Parse(Lines()[0])!;
        Assert.Equal("warn", (string)line["level"]!);
        Assert.Equal("x", (string)line["category"]!);
        Assert.Contains("[REDACTED]", (string)line["message"]!);
    }

    [Fact]
    public void A_heartbeat_every_30_seconds_while_agents_wait_and_none_once_all_finished()
    {
        var writer = new CliLogWriter(_err, LogFormat.Text, _time);
        var display = new RunDisplay(null);
        foreach (var id in RunEngine.AllAgentIds) display.AgentChanged(id, AgentState.Waiting, null);
        display.PhaseChanged("teams");
        display.AgentChanged("macro", AgentState.Done, null);
        display.AgentChanged("sector_team:consumer", AgentState.Running, null);
        display.UsageChanged("sector_team:consumer", new UsageTotals(3, 1000, 100, 0, 0, 2, 0.5m));
        using var heartbeat = new RunHeartbeat(display, writer, _time);

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Empty(Lines());
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["[12:00:30] still running after 0m30s: phase teams, 1 running, 6 waiting, 1 done, 0 failed; 3 calls, 2 429 waits, $0.5000"], Lines());
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(2, Lines().Length);
        Assert.StartsWith("[12:01:00] still running after 1m00s", Lines()[1]);

        foreach (var id in RunEngine.AllAgentIds) display.AgentChanged(id, AgentState.Done, null);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(2, Lines().Length);
    }
}
