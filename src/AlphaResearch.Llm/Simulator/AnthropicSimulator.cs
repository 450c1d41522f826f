using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Llm.Simulator;

/// <summary>
/// A local Anthropic Messages API for tests, demos and the bench: POST /v1/messages (JSON and SSE streaming, tool
/// use, structured output via output_config json_schema, prompt-cache accounting) and /v1/messages/count_tokens,
/// on 127.0.0.1. It enforces org buckets like the real service (429 rate_limit_error with retry-after, and
/// anthropic-ratelimit-* headers on every response), models latency, injects faults by rule, and logs every
/// request. Every free-text string it generates carries "[DRY-RUN SIM]", and every response the
/// <see cref="SimulatedResponses.Header"/> header.
/// </summary>
public sealed class AnthropicSimulator : IAsyncDisposable
{
    public const string Marker = "[DRY-RUN SIM";

    private readonly SimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly SimulatedOrgLimits _limits;
    private readonly ConcurrentDictionary<string, byte> _cachedPrefixes = new();
    private readonly int[] _faultMatches;
    private readonly List<SimRequestLogEntry> _log = [];
    private readonly object _logGate = new();
    private readonly ILogger _logger;
    private readonly SimTokenCounter _counter;
    private readonly SimResponder _responder;
    private WebApplication? _app;
    private int _seq;
    private int _httpSeq;

    /// <param name="time">Shared clock (tests and bench pass the gateway's); null → a <see cref="ScaledTimeProvider"/> of options.TimeScale.</param>
    public AnthropicSimulator(SimulatorOptions options, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        _options = options;
        _time = time ?? (options.TimeScale == 1 ? TimeProvider.System : new ScaledTimeProvider(options.TimeScale));
        _limits = new SimulatedOrgLimits(options, _time);
        _counter = new SimTokenCounter(options.TokenFactor);
        _responder = new SimResponder(options, _counter);
        _faultMatches = new int[options.Faults.Count];
        _logger = loggers?.CreateLogger<AnthropicSimulator>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<AnthropicSimulator>.Instance;
    }

    public string BaseUrl { get; private set; } = "";
    public TimeProvider Time => _time;

    public IReadOnlyList<SimRequestLogEntry> RequestLog { get { lock (_logGate) return _log.ToArray(); } }
    public int RateLimitedCount => RequestLog.Count(e => e.Error == "rate_limit_error");

    public async Task<string> StartAsync(CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        // A library component must not take over the process's Ctrl+C / SIGTERM handling (the CLI does that).
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, PassiveHostLifetime>();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_options.Port}");
        var app = builder.Build();
        // Every response, errors included, carries a request-id (the same id as an error body's request_id) and the
        // simulator's signature, so a client can tell simulated answers from real ones whatever their content.
        app.Use((ctx, next) =>
        {
            ctx.Response.Headers["request-id"] = $"req_sim_{Interlocked.Increment(ref _httpSeq):D6}";
            ctx.Response.Headers[SimulatedResponses.Header] = SimulatedResponses.Value;
            return next(ctx);
        });
        app.MapPost("/v1/messages", HandleMessagesAsync);
        app.MapPost("/v1/messages/count_tokens", HandleCountTokensAsync);
        await app.StartAsync(ct).ConfigureAwait(false);
        _app = app;
        BaseUrl = app.Urls.First().TrimEnd('/');
        SimulatorLog.Listening(_logger, BaseUrl);
        return BaseUrl;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string AuthScheme(HttpRequest r) =>
        r.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? "bearer"
        : !string.IsNullOrEmpty(r.Headers["x-api-key"].ToString()) ? "x-api-key" : "none";

    private async Task HandleCountTokensAsync(HttpContext ctx)
    {
        if (AuthScheme(ctx.Request) == "none") { await WriteErrorAsync(ctx, 401, "authentication_error", "x-api-key or Authorization: Bearer required", null); return; }
        string body;
        using (var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8)) body = await reader.ReadToEndAsync(ctx.RequestAborted).ConfigureAwait(false);
        var (doc, req, refusal) = ParseOrRefuse(body, countTokens: true);
        refusal ??= VersionRefusal(ctx.Request);
        if (refusal is not null) { doc?.Dispose(); await WriteErrorAsync(ctx, 400, "invalid_request_error", refusal, null); return; }
        using (doc)
        {
            AddRateLimitHeaders(ctx);
            await ctx.Response.WriteAsJsonAsync(new { input_tokens = req!.TotalTokens }, ctx.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>The versioning doc: every request must send an anthropic-version header (the SDKs do).</summary>
    private string? VersionRefusal(HttpRequest r) =>
        _options.Strict && string.IsNullOrEmpty(r.Headers["anthropic-version"].ToString()) ? "anthropic-version: header is required" : null;

    /// <summary>Parses the body and, in strict mode, refuses it as the API would (then Error says why).</summary>
    private (JsonDocument? Doc, SimRequest? Request, string? Error) ParseOrRefuse(string body, bool countTokens)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(body); }
        catch (JsonException ex) { return (null, null, $"body is not valid JSON: {ex.Message}"); }
        var root = doc.RootElement;
        string? error = root.ValueKind != JsonValueKind.Object ? "Request body must be a JSON object" : null;
        SimRequest? req = error is null ? SimRequest.Parse(root, _counter) : null;
        if (_options.Strict && error is null)
            error = SimRequestValidator.Validate(root, countTokens) ?? StrictSchemaChecker.Check(req!.StrictSchemas, req.StrictToolCount);
        if (error is not null) { doc.Dispose(); return (null, null, error); }
        return (doc, req, null);
    }

    private async Task HandleMessagesAsync(HttpContext ctx)
    {
        int seq = Interlocked.Increment(ref _seq);
        string auth = AuthScheme(ctx.Request);
        string body;
        using (var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8)) body = await reader.ReadToEndAsync(ctx.RequestAborted).ConfigureAwait(false);
        var entry = new SimRequestLogEntry { Seq = seq, At = _time.GetUtcNow(), Path = "/v1/messages", Auth = auth };
        if (auth == "none")
        {
            Log(entry with { Status = 401, Error = "authentication_error" });
            await WriteErrorAsync(ctx, 401, "authentication_error", "x-api-key or Authorization: Bearer required", null);
            return;
        }
        var (doc, parsed, refusal) = ParseOrRefuse(body, countTokens: false);
        refusal ??= VersionRefusal(ctx.Request);
        if (refusal is not null)
        {
            doc?.Dispose();
            Log(entry with { Status = 400, Error = "invalid_request_error", Message = refusal });
            SimulatorLog.Rejected(_logger, seq, refusal);
            await WriteErrorAsync(ctx, 400, "invalid_request_error", refusal, null);
            return;
        }
        var req = parsed!;
        using (doc)
        {
            entry = entry with { Model = req.Model, Stream = req.Stream, MaxTokens = req.MaxTokens };

            if (MatchFault(body) is { } fault)
            {
                await ApplyFaultAsync(ctx, fault, entry).ConfigureAwait(false);
                return;
            }

            // Below the model's minimum cacheable length a breakpoint is silently ignored (no error, 0 cache tokens).
            // Read the longest cached breakpoint prefix; write what lies between it and the last breakpoint.
            int minCacheable = _options.MinCacheableTokens ?? CacheMinimums.For(req.Model);
            var cacheable = req.Breakpoints.Where(b => b.Tokens >= minCacheable).ToList();
            long cacheRead = cacheable.Where(b => _cachedPrefixes.ContainsKey(b.Hash)).Select(b => b.Tokens).DefaultIfEmpty(0).Max();
            bool cacheWrite = cacheable.Count > 0 && cacheable[^1].Tokens > cacheRead;
            long cacheCreate = cacheWrite ? cacheable[^1].Tokens - cacheRead : 0;
            long input = req.TotalTokens - cacheRead - cacheCreate;

            var (admitted, limit, retryAfter) = _limits.TryAdmit(input + cacheCreate, req.MaxTokens);
            if (!admitted)
            {
                Log(entry with { Status = 429, Error = "rate_limit_error" });
                SimulatorLog.RateLimited(_logger, seq, limit, input + cacheCreate, req.MaxTokens, retryAfter);
                AddRetryAfter(ctx, retryAfter);
                await WriteErrorAsync(ctx, 429, "rate_limit_error",
                    $"This request would exceed the rate limit for your organization of {limit} for {req.Model}. Please reduce the prompt length or the maximum tokens requested, or try again later.", null);
                return;
            }
            if (cacheWrite) foreach (var b in cacheable) _cachedPrefixes.TryAdd(b.Hash, 0);

            var answer = _responder.Respond(req, seq, body);
            long output = answer.OutputTokens;
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(_options.LatencyMs + _options.MsPerOutputToken * output), _time, ctx.RequestAborted).ConfigureAwait(false);
            }
            finally
            {
                _limits.Settle(req.MaxTokens, output);
            }
            var usage = new JsonObject
            {
                ["input_tokens"] = input,
                ["output_tokens"] = output,
                ["cache_read_input_tokens"] = cacheRead,
                ["cache_creation_input_tokens"] = cacheCreate,
            };
            var message = new JsonObject
            {
                ["id"] = $"msg_sim_{seq:D6}",
                ["type"] = "message",
                ["role"] = "assistant",
                ["model"] = req.Model,
                ["content"] = answer.Content,
                ["stop_reason"] = answer.StopReason,
                ["stop_sequence"] = answer.StopSequence,
                ["usage"] = usage,
            };
            Log(entry with { Status = 200, InputTokens = input, OutputTokens = output, CacheReadTokens = cacheRead, CacheWriteTokens = cacheCreate, StopReason = answer.StopReason });
            AddRateLimitHeaders(ctx);
            if (req.Stream) await SimStreamWriter.WriteAsync(ctx, message).ConfigureAwait(false);
            else
            {
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsync(message.ToJsonString(), ctx.RequestAborted).ConfigureAwait(false);
            }
        }
    }

    private FaultRule? MatchFault(string body)
    {
        for (int i = 0; i < _options.Faults.Count; i++)
        {
            var rule = _options.Faults[i];
            if (rule.Match is not null && !body.Contains(rule.Match, StringComparison.Ordinal)) continue;
            int n = Interlocked.Increment(ref _faultMatches[i]);
            if (rule.AppliesTo(n)) return rule;
        }
        return null;
    }

    private async Task ApplyFaultAsync(HttpContext ctx, FaultRule fault, SimRequestLogEntry entry)
    {
        switch (fault.Fault)
        {
            case "drop":
                Log(entry with { Status = 0, Error = "fault:drop" });
                ctx.Abort();
                return;
            case "429":
                Log(entry with { Status = 429, Error = "rate_limit_error" });
                AddRetryAfter(ctx, fault.RetryAfterSeconds);
                await WriteErrorAsync(ctx, 429, "rate_limit_error", "This request would exceed the rate limit for your organization (simulated fault). Please try again later.", null);
                return;
            case "429-spend":
                Log(entry with { Status = 429, Error = "spend_limit" });
                await WriteErrorAsync(ctx, 429, "rate_limit_error", "You have reached your specified API usage limits. You will regain access on the first day of next month at 00:00 UTC.", "enforced_spend_limit_reached");
                return;
            case "529":
                Log(entry with { Status = 529, Error = "overloaded_error" });
                AddRetryAfter(ctx, fault.RetryAfterSeconds);
                await WriteErrorAsync(ctx, 529, "overloaded_error", "Overloaded (simulated fault)", null);
                return;
            case "500":
                Log(entry with { Status = 500, Error = "api_error" });
                await WriteErrorAsync(ctx, 500, "api_error", "Internal server error (simulated fault)", null);
                return;
            default:
                Log(entry with { Status = 400, Error = "invalid_request_error" });
                await WriteErrorAsync(ctx, 400, "invalid_request_error", "Bad request (simulated fault)", null);
                return;
        }
    }

    private async Task WriteErrorAsync(HttpContext ctx, int status, string type, string message, string? errorCode)
    {
        AddRateLimitHeaders(ctx);
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        var error = new JsonObject { ["type"] = type, ["message"] = message };
        if (errorCode is not null) error["details"] = new JsonObject { ["error_code"] = errorCode };
        var body = new JsonObject { ["type"] = "error", ["error"] = error, ["request_id"] = ctx.Response.Headers["request-id"].ToString() };
        await ctx.Response.WriteAsync(body.ToJsonString(), ctx.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>retry-after in whole seconds, rounded up (as the API sends it), plus retry-after-ms for SDKs that read it.</summary>
    private void AddRetryAfter(HttpContext ctx, double simSeconds)
    {
        double s = RealSeconds(simSeconds);
        ctx.Response.Headers["retry-after"] = Math.Max(1, (long)Math.Ceiling(s - 1e-9)).ToString(CultureInfo.InvariantCulture);
        ctx.Response.Headers["retry-after-ms"] = Math.Max(1, (long)Math.Ceiling(s * 1000 - 1e-6)).ToString(CultureInfo.InvariantCulture);
    }

    private void AddRateLimitHeaders(HttpContext ctx)
    {
        var now = _time.GetUtcNow();
        foreach (var (name, value) in _limits.Headers(s => HeadersReset(now, s)))
            ctx.Response.Headers[name] = value;
    }

    private DateTimeOffset HeadersReset(DateTimeOffset simNow, double simSeconds) =>
        _options.HeadersInRealTime && _time is ScaledTimeProvider scaled
            ? DateTimeOffset.UtcNow + TimeSpan.FromSeconds(simSeconds / scaled.Scale)
            : simNow + TimeSpan.FromSeconds(simSeconds);

    private double RealSeconds(double simSeconds) =>
        Math.Max(0.001, _options.HeadersInRealTime && _time is ScaledTimeProvider scaled ? simSeconds / scaled.Scale : simSeconds);

    private void Log(SimRequestLogEntry entry)
    {
        lock (_logGate)
        {
            _log.Add(entry);
            if (_options.RequestLogPath is { } path) File.AppendAllText(path, LlmJson.Serialize(entry) + "\n");
        }
    }
}

/// <summary>Host lifetime that ignores console signals: whoever owns the simulator decides when it stops.</summary>
internal sealed class PassiveHostLifetime : Microsoft.Extensions.Hosting.IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
