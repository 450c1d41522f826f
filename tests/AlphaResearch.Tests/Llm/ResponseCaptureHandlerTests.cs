using System.Net;
using AlphaResearch.Llm;

namespace AlphaResearch.Tests.Llm;

/// <summary>The handler below the SDK marks a call simulated only when a response carries the simulator's header.</summary>
public sealed class ResponseCaptureHandlerTests
{
    private sealed class Answering(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }

    private static HttpResponseMessage Response(HttpStatusCode status, bool signed)
    {
        var r = new HttpResponseMessage(status) { Content = new StringContent("{}") };
        if (signed) r.Headers.Add(SimulatedResponses.Header, SimulatedResponses.Value);
        return r;
    }

    private static async Task<LlmCallScope> Call(Func<HttpRequestMessage, HttpResponseMessage> answer, params string[] paths)
    {
        var scopes = new LlmCallScopes();
        var scope = scopes.Ensure();
        using var http = new HttpClient(new ResponseCaptureHandler(scopes) { InnerHandler = new Answering(answer) });
        foreach (var path in paths) (await http.PostAsync("http://127.0.0.1:9" + path, new StringContent("{}"), TestContext.Current.CancellationToken)).Dispose();
        return scope;
    }

    [Fact]
    public async Task A_real_servers_responses_leave_the_call_unsimulated()
    {
        var scope = await Call(_ => Response(HttpStatusCode.OK, signed: false), "/v1/messages/count_tokens", "/v1/messages");
        Assert.False(scope.Simulated);
        Assert.Equal(200, scope.LastStatus);
    }

    [Theory]
    [InlineData("/v1/messages", HttpStatusCode.OK)]
    [InlineData("/v1/messages", HttpStatusCode.TooManyRequests)]
    [InlineData("/v1/messages/count_tokens", HttpStatusCode.OK)]
    public async Task Any_signed_response_of_the_call_marks_it_simulated_and_it_stays_so(string signedPath, HttpStatusCode status)
    {
        var scope = await Call(r => Response(r.RequestUri!.AbsolutePath == signedPath ? status : HttpStatusCode.OK, r.RequestUri!.AbsolutePath == signedPath),
            signedPath, "/v1/messages");
        Assert.True(scope.Simulated);
        scope.ClearResponse(); // a retry clears the last response, never the provenance
        Assert.True(scope.Simulated);
    }
}
