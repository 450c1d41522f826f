using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AlphaResearch.Tests.Integration;

/// <summary>
/// Issue 11, deliverable 5: a gateway that echoes the caller's key in its error body. The key has no known shape
/// ("gw-TESTKEY-…"), so only masking by value can catch it; a real `alpha-research run` process must not print it
/// anywhere — not in the result JSON, not on stderr, not in any file it wrote.
/// </summary>
public sealed class RedactionByValueTests : IAsyncDisposable
{
    private const string Key = "gw-TESTKEY-12345678";
    private readonly HttpListener _listener = new();
    private readonly string _store = Path.Combine(Path.GetTempPath(), "ar-redact-" + Guid.NewGuid().ToString("N"));
    private readonly string _url;
    private readonly Task _serving;
    private int _requests;

    public RedactionByValueTests()
    {
        int port = FreePort();
        _url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(_url + "/");
        _listener.Start();
        _serving = ServeAsync();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>Every request: 400 with an error body quoting the key it was sent (as some gateways do).</summary>
    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); } catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException) { return; }
            Interlocked.Increment(ref _requests);
            // The bare value (no "Bearer " or "x-api-key:" in front, which the pattern rules would catch anyway).
            string sent = ctx.Request.Headers["x-api-key"] ?? ctx.Request.Headers["Authorization"]?.Replace("Bearer ", "", StringComparison.Ordinal) ?? "none";
            byte[] body = Encoding.UTF8.GetBytes(
                $"{{\"type\":\"error\",\"error\":{{\"type\":\"invalid_request_error\",\"message\":\"gateway echo-marker: key {sent} is not enrolled\"}}}}");
            ctx.Response.StatusCode = 400;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.OutputStream.WriteAsync(body);
            ctx.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
        try { Directory.Delete(_store, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_key_of_no_known_shape_echoed_by_a_gateway_is_masked_in_the_result_stderr_and_files()
    {
        using var cli = CliProcess.Start(new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = Key, ["ANTHROPIC_BASE_URL"] = _url },
            "run", "--llm", "anthropic", "--store", _store, "--json", "--verbose");
        var (code, stdout, stderr) = await cli.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(_requests > 0, "the run never reached the gateway");
        Assert.Equal(1, code);
        Assert.Contains("\"status\": \"ERROR\"", stdout);
        Assert.Contains("echo-marker", stdout + stderr); // the gateway's message did reach the output…
        Assert.DoesNotContain(Key, stdout);              // …with the key masked
        Assert.DoesNotContain(Key, stderr);
        Assert.Contains("[REDACTED]", stdout + stderr);
        foreach (var file in Directory.Exists(_store) ? Directory.EnumerateFiles(_store, "*", SearchOption.AllDirectories) : [])
            Assert.DoesNotContain(Key, await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
    }
}
