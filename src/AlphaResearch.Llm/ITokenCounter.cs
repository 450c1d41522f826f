using Microsoft.Extensions.AI;

namespace AlphaResearch.Llm;

/// <summary>
/// The server's exact input-token count for a request, without running it (Anthropic's free
/// POST /v1/messages/count_tokens). Null when the count is unavailable; the governor then keeps its estimate.
/// </summary>
internal interface ITokenCounter
{
    Task<long?> CountAsync(string model, IList<ChatMessage> messages, ChatOptions? options, CancellationToken ct);
}
