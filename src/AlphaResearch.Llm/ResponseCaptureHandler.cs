namespace AlphaResearch.Llm;

/// <summary>
/// Records status and headers of every response into the current call scope. Sits in the Anthropic SDK's
/// <c>ClientOptions.Handlers</c> (or under any HttpClient), so it sees 429s the SDK turns into header-less exceptions.
/// count_tokens responses are skipped (that endpoint is rate-limited separately), except that any response carrying
/// the simulator's signature marks the call simulated.
/// </summary>
internal sealed class ResponseCaptureHandler(LlmCallScopes scopes) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var headers = LlmCallScope.Flatten(response.Headers, response.Content?.Headers);
        // count_tokens has its own rate limits: its headers say nothing about the Messages budget.
        if (request.RequestUri?.AbsolutePath.EndsWith("/count_tokens", StringComparison.Ordinal) == true)
        {
            scopes.Current?.MarkSimulated(headers);
            return response;
        }
        scopes.LatestHeaders = headers;
        scopes.Current?.RecordResponse((int)response.StatusCode, headers);
        return response;
    }
}
