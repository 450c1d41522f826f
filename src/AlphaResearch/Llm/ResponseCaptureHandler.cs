namespace AlphaResearch.Llm;

/// <summary>
/// Records status and headers of every response into the current call scope. Sits in the Anthropic SDK's
/// <c>ClientOptions.Handlers</c> (or under any HttpClient), so it sees 429s the SDK turns into header-less exceptions.
/// </summary>
internal sealed class ResponseCaptureHandler(LlmCallScopes scopes) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        scopes.Current?.RecordResponse((int)response.StatusCode, LlmCallScope.Flatten(response.Headers, response.Content?.Headers));
        return response;
    }
}
