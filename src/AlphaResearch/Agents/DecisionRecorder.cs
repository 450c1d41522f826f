using System.Text.Json;
using AlphaResearch.Domain;
using AlphaResearch.Llm;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Agents;

/// <summary>
/// Collects one agent's <see cref="DecisionRecord"/>. <see cref="Wrap"/> records every direct call (structured
/// answers, repairs, follow-ups) as one exchange; <see cref="ReactRunner"/> finds the recorder on its client, keeps
/// the loop's inner turns out and records the whole conversation as one exchange with its transcript. Results are
/// bounded (<see cref="MaxResultChars"/>, the cut is noted) and nothing time- or id-dependent is kept, so the same
/// inputs give the same record.
/// </summary>
public sealed class DecisionRecorder
{
    /// <summary>Longest tool result kept in a transcript turn; the rest is cut and counted.</summary>
    public const int MaxResultChars = 4000;

    private static readonly AsyncLocal<bool> InLoop = new();
    private readonly List<DecisionExchange> _exchanges = [];
    private readonly Lock _gate = new();

    public IChatClient Wrap(IChatClient inner) => new RecordingChatClient(inner, this);

    public DecisionRecord ToRecord()
    {
        lock (_gate) return new DecisionRecord { Exchanges = [.. _exchanges] };
    }

    /// <summary>Marks the current flow as inside a tool loop (its inner calls are recorded by the loop, once).</summary>
    internal static void EnterLoop() => InLoop.Value = true;

    internal void Add(DecisionExchange exchange)
    {
        lock (_gate) _exchanges.Add(exchange);
    }

    /// <summary>A finished conversation: the prompts, the tools offered, every turn of the response, the final text.</summary>
    internal void AddConversation(string label, IEnumerable<ChatMessage> request, IList<AITool>? tools, ChatResponse response)
    {
        var messages = request.ToArray();
        Add(new DecisionExchange
        {
            Label = label,
            SystemPrompt = messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text).FirstOrDefault(),
            UserPrompt = string.Join("\n\n", messages.Where(m => m.Role == ChatRole.User).Select(m => m.Text)),
            Tools = (tools ?? []).OfType<AIFunctionDeclaration>()
                .Select(t => new ToolDefinition(t.Name, t.Description, t.JsonSchema.ValueKind == JsonValueKind.Undefined ? null : t.JsonSchema.Clone()))
                .ToArray(),
            Transcript = Transcript(response.Messages),
            FinalAnswer = response.Text.Trim(),
        });
    }

    private static IReadOnlyList<TranscriptTurn> Transcript(IEnumerable<ChatMessage> messages)
    {
        var turns = new List<TranscriptTurn>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal); // call id → tool (ids themselves are not kept)
        foreach (var m in messages)
        {
            foreach (var c in m.Contents)
            {
                switch (c)
                {
                    case TextContent t when !string.IsNullOrWhiteSpace(t.Text):
                        turns.Add(new TranscriptTurn { Kind = TranscriptTurn.Model, Text = t.Text.Trim() });
                        break;
                    case FunctionCallContent call:
                        names[call.CallId] = call.Name;
                        turns.Add(new TranscriptTurn { Kind = TranscriptTurn.ToolCall, Tool = call.Name, Arguments = Json(call.Arguments) });
                        break;
                    case FunctionResultContent result:
                        var (text, cut) = Bound(Json(result.Result));
                        turns.Add(new TranscriptTurn
                        {
                            Kind = TranscriptTurn.ToolResult, Tool = names.GetValueOrDefault(result.CallId), Result = text, TruncatedChars = cut,
                        });
                        break;
                }
            }
        }
        return turns;
    }

    /// <summary>The text cut at <see cref="MaxResultChars"/> with a note of how much was cut.</summary>
    internal static (string Text, int Cut) Bound(string text)
    {
        if (text.Length <= MaxResultChars) return (text, 0);
        int cut = text.Length - MaxResultChars;
        return (text[..MaxResultChars] + $" […{cut} characters cut]", cut);
    }

    private static string Json(object? value)
    {
        try
        {
            return value switch
            {
                null => "null",
                string s => s,
                JsonElement e => e.GetRawText(),
                _ => JsonSerializer.Serialize(value, JsonConventions.Options),
            };
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or JsonException)
        {
            return value?.ToString() ?? "";
        }
    }

    private static string LabelOf(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(CallTag.LabelKey, out var l) == true && l is string s ? s : "call";

    /// <summary>Records each direct call; inside a tool loop it only passes through.</summary>
    private sealed class RecordingChatClient(IChatClient inner, DecisionRecorder recorder) : DelegatingChatClient(inner)
    {
        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var request = messages as IReadOnlyList<ChatMessage> ?? messages.ToArray();
            var response = await base.GetResponseAsync(request, options, cancellationToken).ConfigureAwait(false);
            if (!InLoop.Value) recorder.AddConversation(LabelOf(options), request, options?.Tools, response);
            return response;
        }

        public override object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceKey is null && serviceType == typeof(DecisionRecorder) ? recorder : base.GetService(serviceType, serviceKey);

        // The tier client is shared by every agent of the run: not ours to dispose.
        protected override void Dispose(bool disposing) { }
    }

    internal static string Label(ChatOptions? options) => LabelOf(options);
}
