using System.Net;

namespace AlphaResearch.MarketData;

/// <summary>
/// HTTP GET against SEC EDGAR within its fair-access rules: every request carries the declared User-Agent (name and
/// contact e-mail) and waits for the <see cref="EdgarRateLimiter"/>; 429 and 503 are retried after the server's
/// Retry-After (seconds or an HTTP date), else after an exponential backoff (2, 4, 8, … s, at most 5 retries);
/// every response is cached under <c>cacheDir</c> by URL path, so a re-run (or a resumed, killed run) asks only
/// for what it does not have. Waits are on the <see cref="TimeProvider"/>.
/// </summary>
public sealed class EdgarClient : IDisposable
{
    public const int MaxAttempts = 6;
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(10);

    private readonly HttpClient _http;
    private readonly EdgarRateLimiter _limiter;
    private readonly TimeProvider _time;
    private readonly string _cacheDir;

    public int Requests { get; private set; }
    public int CacheHits { get; private set; }
    public int Retries { get; private set; }

    public EdgarClient(string userAgent, string cacheDir, TimeProvider time, EdgarRateLimiter limiter, HttpMessageHandler? handler = null)
    {
        // SEC serves gzip; the handler asks for it and decompresses (the cache holds the plain documents).
        _http = new HttpClient(handler ?? new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All });
        _http.Timeout = TimeSpan.FromSeconds(60);
        _http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
        _limiter = limiter;
        _time = time;
        _cacheDir = cacheDir;
    }

    /// <summary>The body of <paramref name="url"/>, or null on 404; from the cache unless <paramref name="refresh"/>.</summary>
    public async Task<byte[]?> GetAsync(Uri url, bool refresh, CancellationToken ct)
    {
        var cached = CachePath(url);
        if (!refresh && File.Exists(cached))
        {
            CacheHits++;
            return await File.ReadAllBytesAsync(cached, ct).ConfigureAwait(false);
        }
        if (!refresh && File.Exists(cached + ".404")) { CacheHits++; return null; }

        for (int attempt = 1; ; attempt++)
        {
            await _limiter.WaitAsync(ct).ConfigureAwait(false);
            HttpResponseMessage response;
            try
            {
                Requests++;
                response = await _http.GetAsync(url, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new EdgarFetchException($"cannot reach {url.GetLeftPart(UriPartial.Authority)} ({e.Message}); check the network connection (or --base-url), then run the same command again: what was fetched is cached", e);
            }
            catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
            {
                throw new EdgarFetchException($"{url} timed out after {_http.Timeout.TotalSeconds:0} s; check the network connection, then run the same command again", e);
            }
            using (response)
            {
                if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                {
                    if (attempt == MaxAttempts)
                        throw new EdgarFetchException($"{url}: HTTP {(int)response.StatusCode} after {MaxAttempts} attempts; SEC may be limiting this address (it blocks for 10 minutes), wait and run the same command again");
                    Retries++;
                    await Task.Delay(RetryDelay(response, attempt), _time, ct).ConfigureAwait(false);
                    continue;
                }
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    await WriteAtomic(cached + ".404", [], ct).ConfigureAwait(false);
                    return null;
                }
                if (response.StatusCode == HttpStatusCode.Forbidden)
                    throw new EdgarFetchException($"{url}: HTTP 403; SEC refuses undeclared automated traffic: give --user-agent your name and a contact e-mail");
                if (!response.IsSuccessStatusCode)
                    throw new EdgarFetchException($"{url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
                await WriteAtomic(cached, body, ct).ConfigureAwait(false);
                return body;
            }
        }
    }

    /// <summary>Retry-After (delta seconds or HTTP date, at most 10 min), else 2^attempt seconds.</summary>
    private TimeSpan RetryDelay(HttpResponseMessage response, int attempt)
    {
        var ra = response.Headers.RetryAfter;
        TimeSpan? wait = ra?.Delta ?? (ra?.Date is { } date ? date - _time.GetUtcNow() : null);
        if (wait is { } w) return w < TimeSpan.Zero ? TimeSpan.Zero : w > MaxRetryAfter ? MaxRetryAfter : w;
        return TimeSpan.FromSeconds(Math.Pow(2, attempt));
    }

    private string CachePath(Uri url)
    {
        var rel = Uri.UnescapeDataString(url.AbsolutePath).TrimStart('/').Replace("..", "_");
        return Path.Combine(_cacheDir, rel.Replace('/', Path.DirectorySeparatorChar));
    }

    /// <summary>Write to a temp file and rename, so a killed run never leaves a truncated cache entry behind.</summary>
    internal static async Task WriteAtomic(string path, byte[] body, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var tmp = path + ".partial";
        await File.WriteAllBytesAsync(tmp, body, ct).ConfigureAwait(false);
        File.Move(tmp, path, overwrite: true);
    }

    public void Dispose() => _http.Dispose();
}
