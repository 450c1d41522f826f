#pragma warning disable xUnit1051
using AlphaResearch.Domain;
using AlphaResearch.Llm;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AlphaResearch.Tests.Llm;

/// <summary>The openai provider against a minimal OpenAI-compatible chat-completions fake (local model servers).</summary>
public sealed class OpenAiProviderTests : IAsyncDisposable
{
    private WebApplication? _app;
    private int _requests;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private async Task<string> StartFakeAsync(int rateLimitedFirst)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/v1/chat/completions", async (HttpContext ctx) =>
        {
            if (Interlocked.Increment(ref _requests) <= rateLimitedFirst)
            {
                ctx.Response.StatusCode = 429;
                ctx.Response.Headers["retry-after"] = "3";
                await ctx.Response.WriteAsync("""{"error":{"message":"Rate limit reached for requests","type":"rate_limit_error"}}""");
                return;
            }
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"local-model",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"local answer"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":11,"completion_tokens":3,"total_tokens":14}}
                """);
        });
        await _app.StartAsync();
        return _app.Urls.First() + "/v1";
    }

    [Fact]
    public async Task OpenAi_compatible_endpoint_answers_through_the_gateway_and_its_429s_are_ridden_out()
    {
        string url = await StartFakeAsync(rateLimitedFirst: 1);
        var time = new FakeTimeProvider();
        var config = new LlmConfig { Provider = LlmProvider.OpenAI, BaseUrl = url, FastModel = "local-model", GovernorEnabled = false };
        using var gw = new LlmGatewayBuilder(config).WithEnvironment(_ => null).WithTimeProvider(time).WithJitter(() => 0).Build();

        var task = gw.For(ModelTier.Fast).GetResponseAsync("hello", new ChatOptions().WithTag("macro", "macro_economist"));
        // Real HTTP happens on real threads; the backoff waits on the fake clock.
        for (int i = 0; i < 400 && !task.IsCompleted; i++)
        {
            await Task.Delay(10);
            time.Advance(TimeSpan.FromMilliseconds(100));
        }
        var response = await task;

        Assert.Equal("local answer", response.Text);
        Assert.Equal(2, _requests);
        var r = Assert.Single(gw.Ledger.Records);
        Assert.Equal((11L, 3L, 2, 1), (r.InputTokens, r.OutputTokens, r.Attempts, r.RateLimitWaits));
        Assert.Equal(3.0, r.RateLimitWaitSeconds); // retry-after read by our handler under the OpenAI client
        Assert.Equal(0m, r.CostUsd);               // no price for a local model
    }
}
