using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Tests.Integration;

/// <summary>
/// An HTTP proxy in front of the simulator that sees what is paid for: every request's path, status and the SHA-256
/// of its exact body bytes. It can hold new requests (never forwarded, never paid) so a test can kill the client at a
/// moment when every forwarded call has been answered: then "re-paid" is exact — a body answered 200 before the kill
/// and answered 200 again afterwards.
/// </summary>
internal sealed class PayingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _inFlight;
    private volatile bool _hold;

    public sealed record Exchange(string Path, string BodySha256, int Status);

    public ConcurrentQueue<Exchange> Exchanges { get; } = new();
    public int InFlight => Volatile.Read(ref _inFlight);
    public string Url { get; private set; } = "";

    private PayingProxy(string upstream)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(ctx => ForwardAsync(ctx, upstream.TrimEnd('/')));
    }

    public static async Task<PayingProxy> StartAsync(string upstream)
    {
        var proxy = new PayingProxy(upstream);
        await proxy._app.StartAsync();
        proxy.Url = proxy._app.Urls.First();
        return proxy;
    }

    /// <summary>From now on, new requests wait until the client goes away (forwarded: none).</summary>
    public void Hold() => _hold = true;
    public void Release() => _hold = false;

    /// <summary>Bodies of /v1/messages requests the simulator answered 200 (each one a paid call).</summary>
    public IReadOnlyList<string> PaidBodies() => Exchanges.Where(e => e.Path == "/v1/messages" && e.Status == 200).Select(e => e.BodySha256).ToList();

    private async Task ForwardAsync(HttpContext ctx, string upstream)
    {
        if (_hold)
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, _stopping.Token);
            try { await Task.Delay(Timeout.Infinite, either.Token); } catch (OperationCanceledException) { }
            return;
        }
        Interlocked.Increment(ref _inFlight);
        try
        {
            using var body = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(body, ctx.RequestAborted);
            byte[] bytes = body.ToArray();
            using var request = new HttpRequestMessage(new HttpMethod(ctx.Request.Method), upstream + ctx.Request.Path + ctx.Request.QueryString)
            {
                Content = new ByteArrayContent(bytes),
            };
            foreach (var (name, values) in ctx.Request.Headers)
            {
                if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
                if (!request.Headers.TryAddWithoutValidation(name, values.ToArray())) request.Content.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
            using var response = await _http.SendAsync(request, ctx.RequestAborted);
            byte[] answer = await response.Content.ReadAsByteArrayAsync(ctx.RequestAborted);
            ctx.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
                ctx.Response.Headers[name] = values.ToArray();
            }
            Exchanges.Enqueue(new Exchange(ctx.Request.Path, Convert.ToHexStringLower(SHA256.HashData(bytes)), (int)response.StatusCode));
            await ctx.Response.Body.WriteAsync(answer, ctx.RequestAborted);
            await ctx.Response.CompleteAsync();
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _http.Dispose();
        _stopping.Dispose();
    }
}
