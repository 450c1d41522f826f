using System.Text.Json;
using AlphaResearch.Llm;
using AlphaResearch.Domain;

namespace AlphaResearch.Agents.Tools;

/// <summary>
/// Runs a tool body, turns any data problem into an error result the model can read, and records the call.
/// Thread-safe: FunctionInvokingChatClient may invoke tools concurrently.
/// </summary>
public sealed class ToolRecorder
{
    private readonly List<ToolCallRecord> _calls = [];
    private const int SummaryChars = 240;

    public IReadOnlyList<ToolCallRecord> Calls { get { lock (_calls) return _calls.ToArray(); } }

    public int Count { get { lock (_calls) return _calls.Count; } }

    public void Add(ToolCallRecord record) { lock (_calls) _calls.Add(record); }

    /// <summary>Serialises <paramref name="body"/>'s result (snake_case) and returns it as a JSON element, so the model sees an object, not a quoted string.</summary>
    public JsonElement Invoke(string phase, string tool, string? ticker, object args, Func<object> body)
    {
        using var span = AlphaResearchTelemetry.Start($"tool {tool}", "gen_ai.tool.name", tool);
        span?.SetTag("alpha_research.phase", phase);
        span?.SetTag("alpha_research.ticker", ticker);
        object result;
        bool isError;
        try
        {
            result = body();
            isError = result is ToolError;
        }
        catch (ToolInputException e)
        {
            result = new ToolError(e.Message);
            isError = true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A data bug must not abort the analyst's loop: the model reads the error and works around it.
            result = new ToolError($"tool failed: {e.GetType().Name}: {e.Message}");
            isError = true;
        }
        if (isError) span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "tool returned an error");
        var json = JsonSerializer.Serialize(result, JsonConventions.Options);
        var summary = json.Length <= SummaryChars ? json : json[..SummaryChars] + "…";
        Add(new ToolCallRecord(phase, tool, ticker, JsonSerializer.Serialize(args, JsonConventions.Options), summary, isError));
        return JsonDocument.Parse(json).RootElement.Clone();
    }
}

/// <summary>A whole-call error result, e.g. {"error": "unknown ticker ZZZZ: ..."}.</summary>
public sealed record ToolError(string Error);

/// <summary>Bad tool arguments; reported to the model as a <see cref="ToolError"/>, never thrown out of the tool.</summary>
public sealed class ToolInputException(string message) : Exception(message);
