using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AlphaResearch.Llm;
using AlphaResearch.Scale;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AlphaResearch.Tests.Scale;

/// <summary>
/// Redis stopped mid-run, the documented behaviour (docs/SCALE.md): with a real redis-server of its own, killed by
/// PID while a process holds the budget, a call that needs admission waits (fail closed, one warning) and is admitted
/// once a server is back on the same port.
/// </summary>
public sealed class RedisOutageTests : IDisposable
{
    private readonly List<Process> _servers = [];

    public void Dispose()
    {
        foreach (var p in _servers)
        {
            try { if (!p.HasExited) p.Kill(); } catch (InvalidOperationException) { }
            p.Dispose();
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private async Task<Process> StartRedisAsync(int port)
    {
        var p = Process.Start(new ProcessStartInfo("redis-server", ["--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        _servers.Add(p);
        _ = p.StandardOutput.ReadToEndAsync();
        for (int i = 0; i < 200; i++)
        {
            try
            {
                using var c = new TcpClient();
                await c.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
                return p;
            }
            catch (SocketException) { await Task.Delay(25, TestContext.Current.CancellationToken); }
        }
        throw new InvalidOperationException($"redis-server did not start on port {port}");
    }

    [Fact]
    public async Task Redis_killed_mid_run_holds_calls_until_it_is_back()
    {
        RedisTestServer.EndpointOrSkip(); // CI has redis-server installed
        var ct = TestContext.Current.CancellationToken;
        int port = FreePort();
        var server = await StartRedisAsync(port);
        var log = new FakeLogger();
        var limits = new ModelRateLimits { RequestsPerMinute = 100, InputTokensPerMinute = 10_000, OutputTokensPerMinute = 10_000 };
        await using var store = RedisBudgetStore.Connect(new RedisBudgetOptions { Endpoint = $"127.0.0.1:{port}", KeyPrefix = "outage" }, TimeProvider.System, log);
        await store.AcquireAsync("claude-haiku-4-5", limits, 100, 100, ct);

        server.Kill(); // SIGKILL, by PID
        await server.WaitForExitAsync(ct);
        var held = store.AcquireAsync("claude-haiku-4-5", limits, 100, 100, ct);
        var waited = Stopwatch.StartNew();
        while (!log.Collector.GetSnapshot().Any(r => r.Message.Contains("fail closed", StringComparison.Ordinal)) && waited.Elapsed < TimeSpan.FromSeconds(20))
            await Task.Delay(20, ct);
        Assert.Contains(log.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning
            && r.Message.Contains($"Redis at 127.0.0.1:{port} is unreachable", StringComparison.Ordinal) && r.Message.Contains("holding calls until it is back (fail closed)", StringComparison.Ordinal));
        Assert.False(held.IsCompleted, "a call was admitted while the org budget was unreachable");

        await StartRedisAsync(port);
        await held.WaitAsync(TimeSpan.FromSeconds(60), ct);
        Assert.Contains(log.Collector.GetSnapshot(), r => r.Message.Contains("reachable again", StringComparison.Ordinal));
    }
}
