using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AlphaResearch.Llm.Simulator;

/// <summary>
/// A parsed Messages API request plus the simulator's token accounting: tokens ≈ chars ÷ 3.5 (the same ratio the
/// governor estimates with) over tools, system and messages, 4 per message; the prefix up to the last
/// cache_control breakpoint (tools → system → messages order) is what prompt caching can write or read.
/// </summary>
internal sealed class SimRequest
{
    public required string Model { get; init; }
    public int MaxTokens { get; init; }
    public bool Stream { get; init; }
    public required JsonElement Root { get; init; }
    public List<JsonElement> Tools { get; } = [];
    public JsonElement? OutputSchema { get; init; }
    public bool HasToolResult { get; set; }
    public long TotalTokens { get; set; }
    public long PrefixTokens { get; set; }
    public string? PrefixHash { get; set; }
    /// <summary>Each cache_control breakpoint's prefix (tokens, hash), in order; the last is <see cref="PrefixHash"/>.</summary>
    public List<(long Tokens, string Hash)> Breakpoints { get; } = [];
    /// <summary>Message text (where tickers are looked for first) and system text (the fallback).</summary>
    public string ConversationText { get; set; } = "";
    public string SystemText { get; set; } = "";

    public static SimRequest Parse(JsonElement root)
    {
        var outputSchema = root.TryGetProperty("output_config", out var oc) && oc.TryGetProperty("format", out var f)
            && f.TryGetProperty("type", out var ft) && ft.GetString() == "json_schema" && f.TryGetProperty("schema", out var s) ? s : (JsonElement?)null;
        var req = new SimRequest
        {
            Root = root,
            Model = root.TryGetProperty("model", out var m) ? m.GetString() ?? "" : "",
            MaxTokens = root.TryGetProperty("max_tokens", out var mt) && mt.TryGetInt32(out var mtv) ? mtv : 1024,
            Stream = root.TryGetProperty("stream", out var st) && st.ValueKind == JsonValueKind.True,
            OutputSchema = outputSchema,
        };

        var segments = new List<(string Text, bool Breakpoint)>();
        var conversation = new StringBuilder();
        var systemText = new StringBuilder();
        if (root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array)
            foreach (var t in tools.EnumerateArray())
            {
                req.Tools.Add(t);
                string text = Str(t, "name") + Str(t, "description") + (t.TryGetProperty("input_schema", out var sch) ? sch.GetRawText() : "");
                segments.Add((text, t.TryGetProperty("cache_control", out _)));
            }
        if (root.TryGetProperty("system", out var sys))
        {
            if (sys.ValueKind == JsonValueKind.String) { segments.Add((sys.GetString()!, false)); systemText.AppendLine(sys.GetString()); }
            else if (sys.ValueKind == JsonValueKind.Array)
                foreach (var b in sys.EnumerateArray())
                {
                    segments.Add((Str(b, "text"), b.TryGetProperty("cache_control", out _)));
                    systemText.AppendLine(Str(b, "text"));
                }
        }
        int messageCount = 0;
        if (root.TryGetProperty("messages", out var msgs) && msgs.ValueKind == JsonValueKind.Array)
            foreach (var msg in msgs.EnumerateArray())
            {
                messageCount++;
                if (!msg.TryGetProperty("content", out var content)) continue;
                if (content.ValueKind == JsonValueKind.String) { segments.Add((content.GetString()!, false)); conversation.AppendLine(content.GetString()); continue; }
                foreach (var b in content.EnumerateArray())
                {
                    string type = Str(b, "type");
                    string text = type switch
                    {
                        "text" => Str(b, "text"),
                        "tool_use" => Str(b, "name") + (b.TryGetProperty("input", out var inp) ? inp.GetRawText() : ""),
                        "tool_result" => b.TryGetProperty("content", out var rc) ? (rc.ValueKind == JsonValueKind.String ? rc.GetString()! : rc.GetRawText()) : "",
                        _ => "",
                    };
                    if (type == "tool_result") req.HasToolResult = true;
                    if (type == "text") conversation.AppendLine(text);
                    segments.Add((text, b.TryGetProperty("cache_control", out _)));
                }
            }
        if (outputSchema is { } os) segments.Add((os.GetRawText(), false));

        // Automatic caching: a top-level cache_control puts the breakpoint on the last block.
        if (root.TryGetProperty("cache_control", out _) && segments.Count > 0) segments[^1] = (segments[^1].Text, true);
        int lastBreak = segments.FindLastIndex(x => x.Breakpoint);
        long totalChars = segments.Sum(x => (long)x.Text.Length);
        req.TotalTokens = TokenEstimator.FromChars(totalChars) + TokenEstimator.PerMessageOverhead * messageCount;
        // Every breakpoint is a cache entry (the docs: up to 4); the request reads the longest one already cached.
        for (int i = 0; i <= lastBreak; i++)
        {
            if (!segments[i].Breakpoint) continue;
            var prefix = string.Concat(segments.Take(i + 1).Select(x => x.Text + "\u0001"));
            req.Breakpoints.Add((TokenEstimator.FromChars(segments.Take(i + 1).Sum(x => (long)x.Text.Length)),
                Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(req.Model + "\u0002" + prefix)))));
        }
        if (lastBreak >= 0) (req.PrefixTokens, req.PrefixHash) = req.Breakpoints[^1];
        req.ConversationText = conversation.ToString();
        req.SystemText = systemText.ToString();
        return req;
    }

    private static string Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
}
