using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlphaResearch.Domain;
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
/// request. Every free-text string it generates carries "[DRY-RUN SIM]".
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
    private WebApplication? _app;
    private int _seq;

    /// <param name="time">Shared clock (tests and bench pass the gateway's); null → a <see cref="ScaledTimeProvider"/> of options.TimeScale.</param>
    public AnthropicSimulator(SimulatorOptions options, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        _options = options;
        _time = time ?? (options.TimeScale == 1 ? TimeProvider.System : new ScaledTimeProvider(options.TimeScale));
        _limits = new SimulatedOrgLimits(options, _time);
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
        app.MapPost("/v1/messages", HandleMessagesAsync);
        app.MapPost("/v1/messages/count_tokens", HandleCountTokensAsync);
        await app.StartAsync(ct).ConfigureAwait(false);
        _app = app;
        BaseUrl = app.Urls.First().TrimEnd('/');
        _logger.LogInformation("LLM simulator listening on {Url}", BaseUrl);
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
        using var doc = await JsonDocument.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted).ConfigureAwait(false);
        var req = SimRequest.Parse(doc.RootElement);
        AddRateLimitHeaders(ctx);
        await ctx.Response.WriteAsJsonAsync(new { input_tokens = req.TotalTokens }, ctx.RequestAborted).ConfigureAwait(false);
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
        SimRequest req;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
            req = SimRequest.Parse(doc.RootElement);
        }
        catch (JsonException ex)
        {
            Log(entry with { Status = 400, Error = "invalid_request_error" });
            await WriteErrorAsync(ctx, 400, "invalid_request_error", $"body is not JSON: {ex.Message}", null);
            return;
        }
        using (doc)
        {
            entry = entry with { Model = req.Model, Stream = req.Stream, MaxTokens = req.MaxTokens };

            if (MatchFault(body) is { } fault)
            {
                await ApplyFaultAsync(ctx, fault, entry).ConfigureAwait(false);
                return;
            }

            // Read the longest cached breakpoint prefix; write what lies between it and the last breakpoint.
            var cacheable = req.Breakpoints.Where(b => b.Tokens >= _options.MinCacheableTokens).ToList();
            long cacheRead = cacheable.Where(b => _cachedPrefixes.ContainsKey(b.Hash)).Select(b => b.Tokens).DefaultIfEmpty(0).Max();
            bool cacheWrite = cacheable.Count > 0 && cacheable[^1].Tokens > cacheRead;
            long cacheCreate = cacheWrite ? cacheable[^1].Tokens - cacheRead : 0;
            long input = req.TotalTokens - cacheRead - cacheCreate;

            var (admitted, limit, retryAfter) = _limits.TryAdmit(input + cacheCreate, req.MaxTokens);
            if (!admitted)
            {
                Log(entry with { Status = 429, Error = "rate_limit_error" });
                _logger.LogInformation("429 #{Seq}: {Limit} exceeded by a request of {Input} input / {MaxTokens} max tokens; retry-after {RetryAfter:0.###} s",
                    seq, limit, input + cacheCreate, req.MaxTokens, retryAfter);
                ctx.Response.Headers["retry-after"] = Seconds(Math.Max(0.001, retryAfter));
                await WriteErrorAsync(ctx, 429, "rate_limit_error",
                    $"This request would exceed the rate limit for your organization of {limit} for {req.Model}. Please reduce the prompt length or the maximum tokens requested, or try again later.", null);
                return;
            }
            if (cacheWrite) foreach (var b in cacheable) _cachedPrefixes.TryAdd(b.Hash, 0);

            var (content, stopReason, outputChars) = Generate(req, seq);
            long output = Math.Clamp(TokenEstimator.FromChars(outputChars), 1, Math.Max(1, req.MaxTokens));
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
                ["content"] = content,
                ["stop_reason"] = stopReason,
                ["stop_sequence"] = null,
                ["usage"] = usage,
            };
            Log(entry with { Status = 200, InputTokens = input, OutputTokens = output, CacheReadTokens = cacheRead, CacheWriteTokens = cacheCreate });
            AddRateLimitHeaders(ctx);
            ctx.Response.Headers["request-id"] = $"req_sim_{seq:D6}";
            if (req.Stream) await WriteStreamAsync(ctx, message).ConfigureAwait(false);
            else
            {
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsync(message.ToJsonString(), ctx.RequestAborted).ConfigureAwait(false);
            }
        }
    }

    private (JsonArray Content, string StopReason, long OutputChars) Generate(SimRequest req, int seq)
    {
        var gen = new DryRunContentGenerator(Marker, DryRunContentGenerator.ExtractTickers(req.ConversationText, req.SystemText));
        var content = new JsonArray();
        if (req.Tools.Count > 0 && !req.HasToolResult)
        {
            long chars = 0;
            foreach (var (tool, i) in req.Tools.Take(2).Select((t, i) => (t, i)))
            {
                var name = tool.GetProperty("name").GetString()!;
                var input = tool.TryGetProperty("input_schema", out var s) ? gen.Generate(s) : new JsonObject();
                content.Add(new JsonObject { ["type"] = "tool_use", ["id"] = $"toolu_sim_{seq:D6}_{i}", ["name"] = name, ["input"] = input ?? new JsonObject() });
                chars += name.Length + (input?.ToJsonString().Length ?? 2);
            }
            return (content, "tool_use", chars);
        }
        string text = req.OutputSchema is { } schema
            ? gen.Generate(schema)?.ToJsonString() ?? "null"
            : gen.FreeText($"simulated answer from {req.Model} (tickers: {string.Join(", ", gen.Tickers.DefaultIfEmpty("none"))})");
        content.Add(new JsonObject { ["type"] = "text", ["text"] = text });
        return (content, "end_turn", text.Length);
    }

    private static async Task WriteStreamAsync(HttpContext ctx, JsonObject message)
    {
        ctx.Response.ContentType = "text/event-stream";
        var usage = message["usage"]!.AsObject();
        var start = message.DeepClone().AsObject();
        start["content"] = new JsonArray();
        start["stop_reason"] = null;
        start["usage"] = new JsonObject
        {
            ["input_tokens"] = usage["input_tokens"]!.GetValue<long>(),
            ["output_tokens"] = 1,
            ["cache_read_input_tokens"] = usage["cache_read_input_tokens"]!.GetValue<long>(),
            ["cache_creation_input_tokens"] = usage["cache_creation_input_tokens"]!.GetValue<long>(),
        };
        async Task Send(string type, JsonObject data)
        {
            data["type"] = type;
            await ctx.Response.WriteAsync($"event: {type}\ndata: {data.ToJsonString()}\n\n", ctx.RequestAborted).ConfigureAwait(false);
        }
        await Send("message_start", new JsonObject { ["message"] = start }).ConfigureAwait(false);
        int index = 0;
        foreach (var block in message["content"]!.AsArray())
        {
            var b = block!.AsObject();
            if (b["type"]!.GetValue<string>() == "text")
            {
                string text = b["text"]!.GetValue<string>();
                await Send("content_block_start", new JsonObject { ["index"] = index, ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" } }).ConfigureAwait(false);
                for (int i = 0; i < text.Length; i += 64)
                    await Send("content_block_delta", new JsonObject { ["index"] = index, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = text.Substring(i, Math.Min(64, text.Length - i)) } }).ConfigureAwait(false);
            }
            else
            {
                await Send("content_block_start", new JsonObject { ["index"] = index, ["content_block"] = new JsonObject { ["type"] = "tool_use", ["id"] = b["id"]!.GetValue<string>(), ["name"] = b["name"]!.GetValue<string>(), ["input"] = new JsonObject() } }).ConfigureAwait(false);
                await Send("content_block_delta", new JsonObject { ["index"] = index, ["delta"] = new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = b["input"]!.ToJsonString() } }).ConfigureAwait(false);
            }
            await Send("content_block_stop", new JsonObject { ["index"] = index }).ConfigureAwait(false);
            index++;
        }
        await Send("message_delta", new JsonObject
        {
            ["delta"] = new JsonObject { ["stop_reason"] = message["stop_reason"]!.GetValue<string>(), ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = usage["output_tokens"]!.GetValue<long>() },
        }).ConfigureAwait(false);
        await Send("message_stop", new JsonObject()).ConfigureAwait(false);
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
                ctx.Response.Headers["retry-after"] = Seconds(fault.RetryAfterSeconds);
                await WriteErrorAsync(ctx, 429, "rate_limit_error", "This request would exceed the rate limit for your organization (simulated fault). Please try again later.", null);
                return;
            case "429-spend":
                Log(entry with { Status = 429, Error = "spend_limit" });
                await WriteErrorAsync(ctx, 429, "rate_limit_error", "You have reached your specified API usage limits. You will regain access on the first day of next month at 00:00 UTC.", "enforced_spend_limit_reached");
                return;
            case "529":
                Log(entry with { Status = 529, Error = "overloaded_error" });
                ctx.Response.Headers["retry-after"] = Seconds(fault.RetryAfterSeconds);
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
        var body = new JsonObject { ["type"] = "error", ["error"] = error, ["request_id"] = $"req_sim_{_seq:D6}" };
        await ctx.Response.WriteAsync(body.ToJsonString(), ctx.RequestAborted).ConfigureAwait(false);
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

    private string Seconds(double simSeconds)
    {
        double s = _options.HeadersInRealTime && _time is ScaledTimeProvider scaled ? simSeconds / scaled.Scale : simSeconds;
        return Math.Round(Math.Max(0.001, s), 3).ToString("0.###", CultureInfo.InvariantCulture);
    }

    private void Log(SimRequestLogEntry entry)
    {
        lock (_logGate)
        {
            _log.Add(entry);
            if (_options.RequestLogPath is { } path) File.AppendAllText(path, JsonConventions.Serialize(entry) + "\n");
        }
    }
}

/// <summary>Host lifetime that ignores console signals: whoever owns the simulator decides when it stops.</summary>
internal sealed class PassiveHostLifetime : Microsoft.Extensions.Hosting.IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
