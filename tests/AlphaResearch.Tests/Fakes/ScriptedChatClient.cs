using AlphaResearch.Llm;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Tests.Fakes;

/// <summary>One request the fake received (a copy of the messages, the options and the call tag).</summary>
public sealed record RecordedRequest(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)
{
    public CallTag Tag => Options.GetTag();
    public string LastUserText => Messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
    public string AllText => string.Join("\n", Messages.Select(m => m.Text));
}

/// <summary>
/// A chat client that answers from scripts: a queue per call label (checked first) and an ordered default
/// queue. It records every request. A request with no script left fails loudly, naming the label.
/// Responses may carry <see cref="FunctionCallContent"/> to drive a FunctionInvokingChatClient.
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly Dictionary<string, Queue<Func<RecordedRequest, ChatResponse>>> _byLabel = new(StringComparer.Ordinal);
    private readonly Queue<Func<RecordedRequest, ChatResponse>> _ordered = new();
    private readonly List<RecordedRequest> _requests = [];
    private int _callIds;

    /// <summary>Answers requests no script matched (e.g. a generic dry-run responder); null → fail.</summary>
    public Func<RecordedRequest, ChatResponse?>? Fallback { get; set; }

    public IReadOnlyList<RecordedRequest> Requests { get { lock (_requests) return _requests.ToArray(); } }

    public IReadOnlyList<RecordedRequest> RequestsFor(string label) => Requests.Where(r => r.Tag.Label == label).ToArray();

    public ScriptedChatClient On(string label, Func<RecordedRequest, ChatResponse> respond)
    {
        lock (_byLabel)
        {
            if (!_byLabel.TryGetValue(label, out var q)) _byLabel[label] = q = new Queue<Func<RecordedRequest, ChatResponse>>();
            q.Enqueue(respond);
        }
        return this;
    }

    public ScriptedChatClient OnText(string label, params string[] texts)
    {
        foreach (var t in texts) On(label, _ => Text(t));
        return this;
    }

    public ScriptedChatClient OnToolCall(string label, string tool, Dictionary<string, object?> args) => On(label, _ => ToolCall(tool, args));

    public ScriptedChatClient Then(Func<RecordedRequest, ChatResponse> respond)
    {
        lock (_byLabel) _ordered.Enqueue(respond);
        return this;
    }

    public static ChatResponse Text(string text) => new(new ChatMessage(ChatRole.Assistant, text));

    public ChatResponse ToolCall(string tool, Dictionary<string, object?> args) =>
        new(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent($"call_{Interlocked.Increment(ref _callIds)}", tool, args)]));

    public int Remaining { get { lock (_byLabel) return _ordered.Count + _byLabel.Values.Sum(q => q.Count); } }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var req = new RecordedRequest(messages.ToArray(), options?.Clone());
        lock (_requests) _requests.Add(req);
        Func<RecordedRequest, ChatResponse>? respond = null;
        lock (_byLabel)
        {
            if (_byLabel.TryGetValue(req.Tag.Label, out var q) && q.Count > 0) respond = q.Dequeue();
            else if (_ordered.Count > 0) respond = _ordered.Dequeue();
        }
        var response = respond?.Invoke(req) ?? Fallback?.Invoke(req)
            ?? throw new InvalidOperationException($"ScriptedChatClient: no scripted response for {req.Tag}");
        return Task.FromResult(response);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the agents do not stream");

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }
}
