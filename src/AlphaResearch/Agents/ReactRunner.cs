using System.Text.Json;
using AlphaResearch.Agents.Tools;
using AlphaResearch.Domain;
using AlphaResearch.Llm;
using Microsoft.Extensions.AI;

namespace AlphaResearch.Agents;

/// <summary>Outcome of one ReAct (tool-loop) conversation.</summary>
public sealed record ReactResult(string FinalText, bool StepLimitExhausted, int ModelCalls);

/// <summary>
/// Runs a tool-using conversation: a <see cref="FunctionInvokingChatClient"/> around the tier client (which
/// already carries retry/governor/usage), capped at <c>maxIterations</c> model round-trips.
/// Exhaustion is detected two ways so it does not depend on the library's end-of-loop behaviour: the last
/// message still asks for a tool, or the model was called more than the cap allows.
/// </summary>
public static class ReactRunner
{
    /// <param name="recorder">Records tool calls whose arguments could not be bound (the tools record the others).</param>
    public static async Task<ReactResult> RunAsync(
        IChatClient tierClient, string system, string user, IList<AITool> tools, int maxIterations,
        ChatOptions options, CancellationToken ct, ToolRecorder? recorder = null, string phase = "")
    {
        var counter = new CallCounter(tierClient);
        using var loop = new FunctionInvokingChatClient(counter)
        {
            MaximumIterationsPerRequest = maxIterations,
            // A tool result error (bad args) goes back to the model; it can correct itself within the cap.
            IncludeDetailedErrors = true,
            // Arguments the function cannot bind (a string where an array belongs) fail before our tool body and its
            // guard run; as an exception, three in a row would abort the loop (and the team). Make them a result.
            FunctionInvoker = (context, token) => InvokeToolAsync(context, recorder, phase, token),
        };
        var opts = options.Clone();
        opts.Tools = tools;
        opts.ToolMode = ChatToolMode.Auto;
        // The decision record takes the loop as one exchange with its transcript, not one per inner turn.
        var record = tierClient.GetService<DecisionRecorder>();
        if (record is not null) DecisionRecorder.EnterLoop();
        ChatMessage[] request = [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, user)];
        var response = await loop.GetResponseAsync(request, opts, ct).ConfigureAwait(false);
        record?.AddConversation(DecisionRecorder.Label(opts), request, tools, response);
        bool pendingCall = response.Messages.LastOrDefault()?.Contents.OfType<FunctionCallContent>().Any() == true;
        bool exhausted = pendingCall || counter.Calls > maxIterations;
        return new ReactResult(response.Text.Trim(), exhausted, counter.Calls);
    }

    private static async ValueTask<object?> InvokeToolAsync(FunctionInvocationContext context, ToolRecorder? recorder, string phase, CancellationToken ct)
    {
        try
        {
            return await context.Function.InvokeAsync(context.Arguments, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            string error = $"invalid arguments for {context.Function.Name}: {e.Message}";
            return recorder is null
                ? JsonSerializer.SerializeToElement(new ToolError(error), JsonConventions.Options)
                : recorder.Invoke(phase, context.Function.Name, null, context.Arguments, () => throw new ToolInputException(error));
        }
    }

    private sealed class CallCounter(IChatClient inner) : DelegatingChatClient(inner)
    {
        private int _calls;
        public int Calls => Volatile.Read(ref _calls);

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return base.GetResponseAsync(messages, options, cancellationToken);
        }

        // Dispose must not dispose the shared tier client.
        protected override void Dispose(bool disposing) { }
    }
}
