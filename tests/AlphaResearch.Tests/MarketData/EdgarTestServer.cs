using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using AlphaResearch.MarketData;

namespace AlphaResearch.Tests.MarketData;

/// <summary>
/// A local EDGAR (HttpListener): the real submissions files of AAPL and KO, the sample's company facts fixtures, a
/// Form 4 XML fixture for every Archives path, and 404 otherwise. Each request is logged with its User-Agent and the
/// test clock's time; scripted 429/503 answers and a per-request hook let tests inject failures and interruptions.
/// </summary>
internal sealed class EdgarTestServer : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "edgar");
    private readonly HttpListener _listener = new();
    private readonly TimeProvider _clock;
    private readonly Task _loop;

    public Uri BaseUrl { get; }
    public ConcurrentQueue<(string Path, string? UserAgent, DateTimeOffset At, int Status)> Log { get; } = new();
    /// <summary>Status codes (with an optional Retry-After) to answer, in order, before serving a path normally.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<(int Status, string? RetryAfter)>> Failures { get; } = new();
    /// <summary>Called with the running request count before each answer.</summary>
    public Action<int>? OnRequest { get; set; }

    public EdgarTestServer(TimeProvider clock)
    {
        _clock = clock;
        int port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        _loop = Task.Run(Serve);
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public void Fail(string path, params (int Status, string? RetryAfter)[] answers) =>
        Failures[path] = new ConcurrentQueue<(int, string?)>(answers);

    private async Task Serve()
    {
        int count = 0;
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            var path = ctx.Request.Url!.AbsolutePath;
            OnRequest?.Invoke(++count);
            int status = 200;
            byte[] body = [];
            if (Failures.TryGetValue(path, out var q) && q.TryDequeue(out var fail))
            {
                status = fail.Status;
                if (fail.RetryAfter is { } ra) ctx.Response.AddHeader("Retry-After", ra);
            }
            else if (Body(path) is { } b) body = b;
            else status = 404;
            Log.Enqueue((path, ctx.Request.Headers["User-Agent"], _clock.GetUtcNow(), status));
            ctx.Response.StatusCode = status;
            ctx.Response.ContentLength64 = body.Length;
            try
            {
                await ctx.Response.OutputStream.WriteAsync(body);
                ctx.Response.Close();
            }
            catch (HttpListenerException) { } // the client went away (an interrupted fetch)
        }
    }

    private static byte[]? Body(string path)
    {
        if (path == "/files/company_tickers.json") return File.ReadAllBytes(Path.Combine(Fixtures, "company_tickers.json"));
        if (path.StartsWith("/submissions/", StringComparison.Ordinal))
        {
            var f = Path.Combine(Fixtures, "submissions", Path.GetFileName(path));
            return File.Exists(f) ? File.ReadAllBytes(f) : null;
        }
        if (path.StartsWith("/api/xbrl/companyfacts/", StringComparison.Ordinal))
        {
            var ticker = Path.GetFileName(path) switch { "CIK0000320193.json" => "AAPL", "CIK0000021344.json" => "KO", _ => null };
            return ticker is null ? null : File.ReadAllBytes(Path.Combine(SampleSnapshot.Locate(), "edgar", "companyfacts", ticker + ".json"));
        }
        if (path.StartsWith("/Archives/edgar/data/", StringComparison.Ordinal) && path.EndsWith(".xml", StringComparison.Ordinal))
            return File.ReadAllBytes(Path.Combine(Fixtures, "form4.xml"));
        return null;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
