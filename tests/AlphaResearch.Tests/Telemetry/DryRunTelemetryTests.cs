using System.Diagnostics;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.Tests.Integration;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AlphaResearch.Tests.Telemetry;

/// <summary>
/// A stub dry run under the OpenTelemetry SDK with the in-memory exporter: the span tree run → phases → 8 agents →
/// model calls (gen_ai.* from M.E.AI's layer) and tool calls, and the metric names. Other tests may run pipelines at
/// the same time on the same static source, so this run is put under a test-owned root span and only its trace is read.
/// </summary>
public sealed class DryRunTelemetryTests : IDisposable
{
    private static readonly ActivitySource TestSource = new("AlphaResearch.Tests.Telemetry");
    private readonly PipelineHarness _h = new();
    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Stub_dry_run_exports_run_phase_agent_model_and_tool_spans_and_the_metrics()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(AlphaResearchTelemetry.Name, TestSource.Name).AddInMemoryExporter(spans).Build();
        using var meters = Sdk.CreateMeterProviderBuilder()
            .AddMeter(AlphaResearchTelemetry.Name).AddInMemoryExporter(metrics).Build();

        ActivityTraceId trace;
        RunResult result;
        using (var root = TestSource.StartActivity("test-root"))
        {
            Assert.NotNull(root);
            trace = root.TraceId;
            (result, _) = await _h.RunAsync(LlmProvider.Stub);
        }
        tracing.ForceFlush();
        meters.ForceFlush();
        Assert.Equal(RunStatus.Ok, result.Status);

        List<Activity> mine;
        lock (spans) mine = spans.Where(s => s.TraceId == trace).ToList();
        var byId = mine.ToDictionary(s => s.SpanId);
        Activity? Parent(Activity s) => byId.GetValueOrDefault(s.ParentSpanId);

        var run = Assert.Single(mine, s => s.OperationName == "run");
        Assert.Equal("test-root", Parent(run)?.OperationName);
        Assert.Equal("2025-01-10", run.GetTagItem("alpha_research.run_date"));
        Assert.Equal("Ok", run.GetTagItem("alpha_research.status"));

        var phases = mine.Where(s => s.OperationName.StartsWith("phase ", StringComparison.Ordinal)).ToList();
        Assert.All(phases, p => Assert.Same(run, Parent(p)));
        Assert.Equal(["context", "macro", "teams", "strict_gate", "aggregate", "exits", "cio", "entries", "prepare", "quarantine", "commit"],
            phases.OrderBy(p => p.StartTimeUtc).Select(p => (string)p.GetTagItem("alpha_research.phase")!));

        var agents = mine.Where(s => s.OperationName.StartsWith("agent ", StringComparison.Ordinal)).ToList();
        Assert.Equal(RunEngine.AllAgentIds.Order(StringComparer.Ordinal), agents.Select(a => (string)a.GetTagItem("alpha_research.agent_id")!).Order(StringComparer.Ordinal));
        Assert.Equal(8, agents.Count);
        foreach (var a in agents)
        {
            string id = (string)a.GetTagItem("alpha_research.agent_id")!;
            string phase = id == "macro" ? "phase macro" : id == "cio" ? "phase cio" : "phase teams";
            Assert.Equal(phase, Parent(a)?.OperationName);
            Assert.Equal("Ran", a.GetTagItem("alpha_research.outcome"));
        }

        // Model calls: one GenAI span per round trip, each under an agent, with the semantic-convention attributes.
        Activity? AgentOf(Activity s)
        {
            for (var p = Parent(s); p is not null; p = Parent(p))
                if (p.OperationName.StartsWith("agent ", StringComparison.Ordinal)) return p;
            return null;
        }
        var chats = mine.Where(s => Equals(s.GetTagItem("gen_ai.operation.name"), "chat")).ToList();
        Assert.Equal(result.Usage.Calls, chats.Count);
        Assert.All(chats, c =>
        {
            Assert.NotNull(AgentOf(c));
            Assert.Equal(ActivityKind.Client, c.Kind);
            Assert.False(string.IsNullOrEmpty(c.GetTagItem("gen_ai.request.model") as string));
            Assert.NotNull(c.GetTagItem("gen_ai.usage.input_tokens"));
            Assert.NotNull(c.GetTagItem("gen_ai.usage.output_tokens"));
        });
        Assert.All(agents, a => Assert.Contains(chats, c => AgentOf(c) == a));

        // Tool calls of the teams' ReAct loops, under their team's agent span.
        var tools = mine.Where(s => s.Source.Name == AlphaResearchTelemetry.Name && s.OperationName.StartsWith("tool ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(tools);
        Assert.All(tools, t =>
        {
            Assert.StartsWith("sector_team:", (string)AgentOf(t)!.GetTagItem("alpha_research.agent_id")!);
            Assert.Equal(t.OperationName["tool ".Length..], t.GetTagItem("gen_ai.tool.name"));
        });

        var names = metrics.Select(m => m.Name).ToHashSet();
        Assert.Contains(LlmMetrics.Tokens, names);
        Assert.Contains(LlmMetrics.Cost, names);
        Assert.Contains(LlmMetrics.Calls, names);
        Assert.Contains(LlmMetrics.GovernorQueueTime, names);
        Assert.Contains("gen_ai.client.token.usage", names);
        Assert.Contains("gen_ai.client.operation.duration", names);
    }
}
