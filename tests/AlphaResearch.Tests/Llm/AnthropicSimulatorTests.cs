#pragma warning disable xUnit1051
using System.Net;
using System.Text;
using System.Text.Json;
using AlphaResearch.Llm.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace AlphaResearch.Tests.Llm;

/// <summary>The simulator's wire behaviour, spoken to with a plain HttpClient.</summary>
public sealed class AnthropicSimulatorTests : IAsyncDisposable
{
    private readonly HttpClient _http = new();
    private AnthropicSimulator? _sim;

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_sim is not null) await _sim.DisposeAsync();
    }

    private async Task<string> Start(SimulatorOptions o)
    {
        _sim = new AnthropicSimulator(o with { LatencyMs = 0, MsPerOutputToken = 0 }, new ScaledTimeProvider(1000));
        return await _sim.StartAsync();
    }

    private static HttpRequestMessage Post(string url, string body, string? apiKey = "k", bool bearer = false)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        req.Headers.Add("anthropic-version", "2023-06-01");
        if (apiKey is not null)
        {
            if (bearer) req.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
            else req.Headers.Add("x-api-key", apiKey);
        }
        return req;
    }

    private static string Body(int userChars, int maxTokens = 100) =>
        JsonSerializer.Serialize(new { model = "claude-haiku-4-5", max_tokens = maxTokens, messages = new[] { new { role = "user", content = new string('w', userChars) } } });

    [Fact]
    public async Task Accepts_x_api_key_and_bearer_rejects_no_auth_and_sends_ratelimit_headers()
    {
        string url = await Start(new SimulatorOptions());

        using var a = await _http.SendAsync(Post(url + "/v1/messages", Body(35)));
        using var b = await _http.SendAsync(Post(url + "/v1/messages", Body(35), bearer: true));
        using var c = await _http.SendAsync(Post(url + "/v1/messages", Body(35), apiKey: null));

        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.OK, b.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, c.StatusCode);
        Assert.Equal("450000", a.Headers.GetValues("anthropic-ratelimit-input-tokens-limit").Single());
        Assert.True(a.Headers.Contains("anthropic-ratelimit-output-tokens-remaining"));
        Assert.Equal(["x-api-key", "bearer", "none"], _sim!.RequestLog.Select(e => e.Auth));
        using var doc = JsonDocument.Parse(await a.Content.ReadAsStringAsync());
        // The simulator's own rule, not the client's chars ÷ 3.5: ceil(35 letters / 6) = 6 pieces × 1.25 → 8, + 3 per message.
        Assert.Equal(11, doc.RootElement.GetProperty("usage").GetProperty("input_tokens").GetInt64());
        Assert.StartsWith("req_sim_", a.Headers.GetValues("request-id").Single());
        Assert.True(c.Headers.Contains("request-id"), "an error response carries a request-id too");
    }

    [Fact]
    public async Task Every_response_carries_the_simulator_signature_header()
    {
        string url = await Start(new SimulatorOptions());
        string stream = JsonSerializer.Serialize(new { model = "claude-haiku-4-5", max_tokens = 50, stream = true, messages = new[] { new { role = "user", content = "hi" } } });

        using var ok = await _http.SendAsync(Post(url + "/v1/messages", Body(35)));
        using var streaming = await _http.SendAsync(Post(url + "/v1/messages", stream), HttpCompletionOption.ResponseHeadersRead);
        using var count = await _http.SendAsync(Post(url + "/v1/messages/count_tokens", Body(35)));
        using var unauthorized = await _http.SendAsync(Post(url + "/v1/messages", Body(35), apiKey: null));
        using var invalid = await _http.SendAsync(Post(url + "/v1/messages", "{}"));

        Assert.Equal(HttpStatusCode.OK, streaming.StatusCode);
        Assert.Equal("text/event-stream", streaming.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        foreach (var r in new[] { ok, streaming, count, unauthorized, invalid })
        {
            var headers = AlphaResearch.Llm.LlmCallScope.Flatten(r.Headers, r.Content.Headers);
            Assert.True(AlphaResearch.Llm.SimulatedResponses.IsSimulated(headers), $"{(int)r.StatusCode} {r.RequestMessage?.RequestUri?.AbsolutePath} lacks {AlphaResearch.Llm.SimulatedResponses.Header}");
            Assert.Equal("1", r.Headers.GetValues("x-alpha-research-simulator").Single());
        }
    }

    [Fact]
    public async Task Count_tokens_uses_the_same_accounting()
    {
        string url = await Start(new SimulatorOptions());
        using var r = await _http.SendAsync(Post(url + "/v1/messages/count_tokens", Body(700)));
        using var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        Assert.Equal(150, doc.RootElement.GetProperty("input_tokens").GetInt64()); // 117 pieces × 1.25 → 147, + 3
    }

    [Fact]
    public async Task Over_the_input_bucket_answers_429_with_retry_after_until_it_refills()
    {
        var clock = new FakeTimeProvider();
        _sim = new AnthropicSimulator(new SimulatorOptions { InputTokensPerMinute = 600, LatencyMs = 0, MsPerOutputToken = 0 }, clock);
        string url = await _sim.StartAsync();

        using var first = await _http.SendAsync(Post(url + "/v1/messages", Body(2_000)));   // 421 tokens (334 pieces × 1.25 → 418, + 3)
        using var second = await _http.SendAsync(Post(url + "/v1/messages", Body(2_000)));  // 179 left < 421

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((HttpStatusCode)429, second.StatusCode);
        // (421 − 179) / 10 per s = 24.2 s: whole seconds rounded up, and the exact value in retry-after-ms.
        Assert.Equal("25", second.Headers.GetValues("retry-after").Single());
        Assert.Equal("24200", second.Headers.GetValues("retry-after-ms").Single());
        Assert.Contains("\"type\":\"rate_limit_error\"", await second.Content.ReadAsStringAsync());

        clock.Advance(TimeSpan.FromSeconds(24.2));
        using var third = await _http.SendAsync(Post(url + "/v1/messages", Body(2_000)));
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task Fault_rules_match_content_and_apply_first_n_or_after_n()
    {
        string url = await Start(new SimulatorOptions
        {
            Faults = [new FaultRule { Fault = "529", Match = "www", First = 1 }, new FaultRule { Fault = "400", Match = "zzz", After = 1 }],
        });
        string zzz = JsonSerializer.Serialize(new { model = "m", max_tokens = 10, messages = new[] { new { role = "user", content = "zzz" } } });

        var statuses = new List<int>();
        foreach (var body in new[] { Body(3), Body(3), zzz, zzz })
        {
            using var r = await _http.SendAsync(Post(url + "/v1/messages", body));
            statuses.Add((int)r.StatusCode);
        }

        Assert.Equal([529, 200, 200, 400], statuses);
    }

    [Fact]
    public async Task Drop_fault_closes_the_connection()
    {
        string url = await Start(new SimulatorOptions { Faults = [new FaultRule { Fault = "drop", Always = true }] });
        await Assert.ThrowsAsync<HttpRequestException>(() => _http.SendAsync(Post(url + "/v1/messages", Body(10))));
    }

    [Fact]
    public void Fault_file_errors_name_the_file_and_rule()
    {
        string path = Path.Combine(Path.GetTempPath(), $"faults-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """[{"fault":"418","always":true}]""");
        try
        {
            var ex = Assert.Throws<InvalidDataException>(() => FaultRule.Load(path));
            Assert.Equal($"{path}: rule [0] has fault '418' — use one of 429, 429-spend, 529, 500, 400, drop", ex.Message);
        }
        finally { File.Delete(path); }
    }
}
