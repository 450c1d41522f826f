using System.Diagnostics;
using AlphaResearch.Llm.Simulator;

namespace AlphaResearch.Tests.Llm;

/// <summary>
/// The simulator's wire format, checked by the official Anthropic TypeScript SDK (tests/conformance/conformance.mjs):
/// create, stream, a strict tool round trip, count_tokens, 429 → RateLimitError with retry-after, strict-schema 400,
/// structured output, max_tokens / stop_sequences, and a raw missing-max_tokens 400. .ci/run installs the SDK and
/// sets ALPHA_RESEARCH_CONFORMANCE_DIR; without it (or without node) the test is reported as skipped, never passed.
/// </summary>
public sealed class SimulatorConformanceTests
{
    [Fact]
    public async Task The_official_typescript_sdk_speaks_to_the_strict_simulator()
    {
        string? dir = Environment.GetEnvironmentVariable("ALPHA_RESEARCH_CONFORMANCE_DIR");
        Assert.SkipWhen(string.IsNullOrEmpty(dir), "ALPHA_RESEARCH_CONFORMANCE_DIR is not set (run .ci/run, which installs tests/conformance with npm)");
        Assert.SkipUnless(Directory.Exists(Path.Combine(dir, "node_modules", "@anthropic-ai", "sdk")),
            $"{dir}/node_modules/@anthropic-ai/sdk is missing: run npm install --prefix {dir}");

        await using var sim = new AnthropicSimulator(new SimulatorOptions
        {
            LatencyMs = 0,
            MsPerOutputToken = 0,
            Faults = [new FaultRule { Fault = "429", Match = "CONFORMANCE-429", Always = true, RetryAfterSeconds = 2.5 }],
        });
        string url = await sim.StartAsync(TestContext.Current.CancellationToken);

        var psi = new ProcessStartInfo("node", [Path.Combine(dir, "conformance.mjs")])
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["ANTHROPIC_BASE_URL"] = url;
        psi.Environment.Remove("ANTHROPIC_API_KEY");
        using var node = Process.Start(psi) ?? throw new InvalidOperationException("could not start node");
        var stdout = node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await node.WaitForExitAsync(timeout.Token);

        string output = await stdout + await stderr;
        TestContext.Current.TestOutputHelper?.WriteLine(output);
        Assert.True(node.ExitCode == 0, $"conformance.mjs exited {node.ExitCode}:\n{output}");
        foreach (var check in new[] { "create", "stream", "tool_round_trip", "count_tokens", "rate_limit_429", "strict_schema_400", "structured_output", "max_tokens_and_stop_sequences", "missing_max_tokens_400" })
            Assert.Contains($"ok {check}", output);
        Assert.Contains(sim.RequestLog, e => e.Status == 429);
    }
}
