using System.Text.Json;
using System.Text.Json.Nodes;

namespace AlphaResearch.Llm.Simulator;

/// <summary>The simulated model's answer to one admitted request: content blocks, stop reason and output tokens.</summary>
internal sealed record SimResponse(JsonArray Content, string StopReason, string? StopSequence, long OutputTokens);

/// <summary>
/// Writes the simulated model's turn and applies the request's controls like the API: tool_choice (auto / any /
/// tool / none, disable_parallel_tool_use → at most one tool_use), stop_sequences (text cut before the earliest
/// match, stop_reason "stop_sequence" with the matched string) and max_tokens (output cut to fit, stop_reason
/// "max_tokens"; 0 → no content). Content is cooperative or uncooperative per <see cref="SimulatorOptions.Content"/>.
/// </summary>
internal sealed class SimResponder(SimulatorOptions options, SimTokenCounter counter)
{
    public SimResponse Respond(SimRequest req, int seq, string body)
    {
        var tickers = DryRunContentGenerator.ExtractTickers(req.ConversationText, req.SystemText);
        bool uncooperative = options.Content == SimContentMode.Uncooperative;
        var random = new Random(unchecked(options.Seed * 31 + StableHash(body)));
        var cooperative = new DryRunContentGenerator(AnthropicSimulator.Marker, tickers);
        var stingy = new UncooperativeContentGenerator(random, tickers, AnthropicSimulator.Marker);
        JsonNode? FromSchema(JsonElement schema) => uncooperative ? stingy.Generate(schema) : cooperative.Generate(schema);

        var content = new JsonArray();
        var calls = ToolsToCall(req, uncooperative, random);
        if (calls.Count > 0)
        {
            for (int i = 0; i < calls.Count; i++)
            {
                var tool = calls[i];
                var input = tool.TryGetProperty("input_schema", out var s) ? FromSchema(s) as JsonObject ?? new JsonObject() : new JsonObject();
                content.Add(new JsonObject { ["type"] = "tool_use", ["id"] = $"toolu_sim_{seq:D6}_{i}", ["name"] = tool.GetProperty("name").GetString(), ["input"] = input });
            }
            return Limit(req, content, "tool_use", null);
        }

        string text = req.OutputSchema is { } schema
            ? FromSchema(schema)?.ToJsonString() ?? "null"
            : cooperative.FreeText($"simulated answer from {req.Model} (tickers: {string.Join(", ", tickers.DefaultIfEmpty("none"))})");
        string stopReason = "end_turn";
        string? matched = null;
        int cut = -1;
        foreach (var stop in req.StopSequences)
        {
            int at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (cut < 0 || at < cut)) (cut, matched) = (at, stop);
        }
        if (cut >= 0) (text, stopReason) = (text[..cut], "stop_sequence");
        content.Add(new JsonObject { ["type"] = "text", ["text"] = text });
        return Limit(req, content, stopReason, matched);
    }

    private List<JsonElement> ToolsToCall(SimRequest req, bool uncooperative, Random random)
    {
        var tools = req.Tools.Where(t => t.ValueKind == JsonValueKind.Object && t.TryGetProperty("name", out _)).ToList();
        if (tools.Count == 0 || req.ToolChoice == "none") return [];
        if (req.ToolChoice == "tool") return tools.Where(t => t.GetProperty("name").GetString() == req.ToolChoiceName).Take(1).ToList();
        int most = req.DisableParallelToolUse ? 1 : 2;
        if (uncooperative)
        {
            // Bounded so agents terminate: after UncooperativeMaxToolRounds tool rounds, auto always ends the turn.
            bool call = req.ToolChoice == "any" || (req.ToolRounds < options.UncooperativeMaxToolRounds && random.Next(2) == 0);
            if (!call) return [];
            int n = random.Next(1, most + 1);
            return Enumerable.Range(0, n).Select(_ => tools[random.Next(tools.Count)]).ToList();
        }
        bool callNow = req.ToolChoice == "any" || !req.HasToolResult;
        return callNow ? tools.Take(most).ToList() : [];
    }

    /// <summary>Applies max_tokens: blocks are kept while they fit, the first text block that does not is cut.</summary>
    private SimResponse Limit(SimRequest req, JsonArray content, string stopReason, string? stopSequence)
    {
        long budget = req.MaxTokens, used = 0;
        var kept = new JsonArray();
        bool truncated = false;
        foreach (var node in content.ToList())
        {
            var block = node!.AsObject();
            content.Remove(block);
            if (block["type"]!.GetValue<string>() == "text")
            {
                string text = block["text"]!.GetValue<string>();
                long cost = counter.Count(text);
                if (used + cost > budget)
                {
                    text = Fit(text, budget - used);
                    cost = counter.Count(text);
                    truncated = true;
                }
                used += cost;
                if (text.Length > 0 || !truncated) kept.Add(new JsonObject { ["type"] = "text", ["text"] = text });
            }
            else
            {
                long cost = counter.Count(block["name"]!.GetValue<string>() + " " + block["input"]!.ToJsonString());
                if (used + cost > budget) { truncated = true; break; }
                used += cost;
                kept.Add(block);
            }
            if (truncated) break;
        }
        if (truncated) return new SimResponse(kept, "max_tokens", null, budget);
        return new SimResponse(kept, stopReason, stopSequence, Math.Min(budget, Math.Max(1, used)));
    }

    /// <summary>Longest prefix of <paramref name="text"/> that costs at most <paramref name="tokens"/>.</summary>
    private string Fit(string text, long tokens)
    {
        int lo = 0, hi = text.Length;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (counter.Count(text[..mid]) <= tokens) lo = mid; else hi = mid - 1;
        }
        if (lo > 0 && char.IsHighSurrogate(text[lo - 1])) lo--;
        return text[..lo];
    }

    private static int StableHash(string s)
    {
        uint h = 2166136261;
        foreach (char c in s) h = (h ^ c) * 16777619;
        return unchecked((int)h);
    }
}
