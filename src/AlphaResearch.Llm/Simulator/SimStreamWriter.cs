using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AlphaResearch.Llm.Simulator;

/// <summary>Writes a finished message as the Messages API's server-sent events (message_start … message_stop).</summary>
internal static class SimStreamWriter
{
    public static async Task WriteAsync(HttpContext ctx, JsonObject message)
    {
        ctx.Response.ContentType = "text/event-stream";
        var usage = message["usage"]!.AsObject();
        var start = message.DeepClone().AsObject();
        start["content"] = new JsonArray();
        start["stop_reason"] = null;
        start["stop_sequence"] = null;
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
            ["delta"] = new JsonObject { ["stop_reason"] = message["stop_reason"]!.GetValue<string>(), ["stop_sequence"] = message["stop_sequence"]?.DeepClone() },
            ["usage"] = new JsonObject { ["output_tokens"] = usage["output_tokens"]!.GetValue<long>() },
        }).ConfigureAwait(false);
        await Send("message_stop", new JsonObject()).ConfigureAwait(false);
    }
}
