using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Llm;

/// <summary>
/// Cheap, offline input-token estimate: characters ÷ 3.5 (the reference system's token guard ratio, §6.10)
/// over everything the provider sends — messages, tool definitions and the response schema — plus 4 tokens of
/// framing per message. Deliberately on the high side for English prose (~4 chars/token): the governor reserves
/// a little more than needed and gives the difference back once actual usage is known.
/// </summary>
internal static class TokenEstimator
{
    public const double CharsPerToken = 3.5;
    public const int PerMessageOverhead = 4;

    public static long Estimate(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        long chars = 0;
        int count = 0;
        foreach (var m in messages)
        {
            count++;
            foreach (var c in m.Contents) chars += CharsOf(c);
        }
        if (options?.Instructions is { } instr) chars += instr.Length;
        if (options?.Tools is { } tools)
            foreach (var t in tools)
            {
                chars += t.Name.Length + (t.Description?.Length ?? 0);
                if (t is AIFunctionDeclaration f) chars += f.JsonSchema.GetRawText().Length;
            }
        if (options?.ResponseFormat is ChatResponseFormatJson { Schema: { } schema }) chars += schema.GetRawText().Length;
        return FromChars(chars) + PerMessageOverhead * count;
    }

    public static long FromChars(long chars) => (long)Math.Ceiling(chars / CharsPerToken);

    private static long CharsOf(AIContent c) => c switch
    {
        TextContent t => t.Text?.Length ?? 0,
        FunctionCallContent f => f.Name.Length + (f.Arguments is null ? 0 : JsonSerializer.Serialize(f.Arguments).Length),
        FunctionResultContent r => r.Result switch
        {
            null => 0,
            string s => s.Length,
            JsonElement e => e.GetRawText().Length,
            var o => JsonSerializer.Serialize(o).Length,
        },
        _ => 0,
    };
}
