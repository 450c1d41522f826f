using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AlphaResearch.Llm.Simulator;

/// <summary>
/// A parsed Messages API request plus the simulator's token accounting (<see cref="SimTokenCounter"/>, the
/// simulator's own rule) over tools, system, messages and the output schema; the prefix up to the last
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
    /// <summary>Assistant turns that called tools so far (bounds the uncooperative model's tool rounds).</summary>
    public int ToolRounds { get; set; }
    /// <summary>"auto" (default), "any", "tool" or "none".</summary>
    public string ToolChoice { get; init; } = "auto";
    public string? ToolChoiceName { get; init; }
    public bool DisableParallelToolUse { get; init; }
    public IReadOnlyList<string> StopSequences { get; init; } = [];
    /// <summary>Schemas that constrain output: the JSON output schema and every strict tool's input_schema.</summary>
    public List<(string Where, JsonElement Schema)> StrictSchemas { get; } = [];
    public int StrictToolCount { get; set; }
    public long TotalTokens { get; set; }
    public long PrefixTokens { get; set; }
    public string? PrefixHash { get; set; }
    /// <summary>Each cache_control breakpoint's prefix (tokens, hash), in order; the last is <see cref="PrefixHash"/>.</summary>
    public List<(long Tokens, string Hash)> Breakpoints { get; } = [];
    /// <summary>Message text (where tickers are looked for first) and system text (the fallback).</summary>
    public string ConversationText { get; set; } = "";
    public string SystemText { get; set; } = "";

    public static SimRequest Parse(JsonElement root, SimTokenCounter counter)
    {
        var outputSchema = root.TryGetProperty("output_config", out var oc) && oc.TryGetProperty("format", out var f)
            && f.TryGetProperty("type", out var ft) && ft.GetString() == "json_schema" && f.TryGetProperty("schema", out var s) ? s : (JsonElement?)null;
        var tc = root.TryGetProperty("tool_choice", out var tce) && tce.ValueKind == JsonValueKind.Object ? tce : default;
        var req = new SimRequest
        {
            Root = root,
            Model = root.TryGetProperty("model", out var m) ? m.GetString() ?? "" : "",
            MaxTokens = root.TryGetProperty("max_tokens", out var mt) && mt.TryGetInt32(out var mtv) ? mtv : 1024,
            Stream = root.TryGetProperty("stream", out var st) && st.ValueKind == JsonValueKind.True,
            OutputSchema = outputSchema,
            ToolChoice = tc.ValueKind == JsonValueKind.Object && tc.TryGetProperty("type", out var tct) ? tct.GetString() ?? "auto" : "auto",
            ToolChoiceName = tc.ValueKind == JsonValueKind.Object && tc.TryGetProperty("name", out var tcn) ? tcn.GetString() : null,
            DisableParallelToolUse = tc.ValueKind == JsonValueKind.Object && tc.TryGetProperty("disable_parallel_tool_use", out var dp) && dp.ValueKind == JsonValueKind.True,
            StopSequences = root.TryGetProperty("stop_sequences", out var ss) && ss.ValueKind == JsonValueKind.Array
                ? ss.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() ?? "" : "").Where(x => x.Length > 0).ToList() : [],
        };
        if (outputSchema is { } os0) req.StrictSchemas.Add(("output_config.format.schema", os0));

        var segments = new List<(string Text, bool Breakpoint)>();
        var conversation = new StringBuilder();
        var systemText = new StringBuilder();
        if (root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (var t in tools.EnumerateArray())
            {
                req.Tools.Add(t);
                bool hasSchema = t.ValueKind == JsonValueKind.Object && t.TryGetProperty("input_schema", out var sch);
                string text = Str(t, "name") + " " + Str(t, "description") + " " + (hasSchema ? t.GetProperty("input_schema").GetRawText() : "");
                segments.Add((text, t.ValueKind == JsonValueKind.Object && t.TryGetProperty("cache_control", out _)));
                if (hasSchema && t.TryGetProperty("strict", out var strict) && strict.ValueKind == JsonValueKind.True)
                {
                    req.StrictToolCount++;
                    req.StrictSchemas.Add(($"tools.{i}.custom.input_schema", t.GetProperty("input_schema")));
                }
                i++;
            }
        }
        if (root.TryGetProperty("system", out var sys))
        {
            if (sys.ValueKind == JsonValueKind.String) { segments.Add((sys.GetString()!, false)); systemText.AppendLine(sys.GetString()); }
            else if (sys.ValueKind == JsonValueKind.Array)
                foreach (var b in sys.EnumerateArray())
                {
                    segments.Add((Str(b, "text"), b.ValueKind == JsonValueKind.Object && b.TryGetProperty("cache_control", out _)));
                    systemText.AppendLine(Str(b, "text"));
                }
        }
        int messageCount = 0;
        if (root.TryGetProperty("messages", out var msgs) && msgs.ValueKind == JsonValueKind.Array)
            foreach (var msg in msgs.EnumerateArray())
            {
                messageCount++;
                if (msg.ValueKind != JsonValueKind.Object || !msg.TryGetProperty("content", out var content)) continue;
                if (content.ValueKind == JsonValueKind.String) { segments.Add((content.GetString()!, false)); conversation.AppendLine(content.GetString()); continue; }
                if (content.ValueKind != JsonValueKind.Array) continue;
                bool calledTools = false;
                foreach (var b in content.EnumerateArray())
                {
                    string type = Str(b, "type");
                    string text = type switch
                    {
                        "text" => Str(b, "text"),
                        "tool_use" => Str(b, "name") + " " + (b.TryGetProperty("input", out var inp) ? inp.GetRawText() : ""),
                        "tool_result" => b.TryGetProperty("content", out var rc) ? (rc.ValueKind == JsonValueKind.String ? rc.GetString()! : rc.GetRawText()) : "",
                        _ => "",
                    };
                    if (type == "tool_result") req.HasToolResult = true;
                    if (type == "tool_use") calledTools = true;
                    if (type is "text" or "tool_result") conversation.AppendLine(text);
                    segments.Add((text, b.ValueKind == JsonValueKind.Object && b.TryGetProperty("cache_control", out _)));
                }
                if (calledTools) req.ToolRounds++;
            }
        if (outputSchema is { } os) segments.Add((os.GetRawText(), false));

        // Automatic caching: a top-level cache_control puts the breakpoint on the last block.
        if (root.TryGetProperty("cache_control", out _) && segments.Count > 0) segments[^1] = (segments[^1].Text, true);
        int lastBreak = segments.FindLastIndex(x => x.Breakpoint);
        req.TotalTokens = counter.Count(segments.Select(x => x.Text), messageCount);
        // Every breakpoint is a cache entry (the docs: up to 4); the request reads the longest one already cached.
        for (int i = 0; i <= lastBreak; i++)
        {
            if (!segments[i].Breakpoint) continue;
            var prefix = string.Concat(segments.Take(i + 1).Select(x => x.Text + "\u0001"));
            req.Breakpoints.Add((counter.Count(segments.Take(i + 1).Select(x => x.Text)),
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
