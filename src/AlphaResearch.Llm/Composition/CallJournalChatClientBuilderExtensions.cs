using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Llm;

/// <summary>Adds the call journal (never pay a model call twice) to a <see cref="ChatClientBuilder"/> pipeline.</summary>
public static class CallJournalChatClientBuilderExtensions
{
    /// <summary>
    /// Records every successful call, keyed by a SHA-256 of the whole request, and answers a repeated request of a
    /// re-run from the record instead of the model. Add it right inside the usage ledger and outside retry and
    /// governor, so a replay spends no rate-limit budget and is booked at zero cost. Validated when the pipeline is
    /// built (<see cref="LlmConfigException"/> naming the option).
    /// </summary>
    public static ChatClientBuilder UseCallJournal(this ChatClientBuilder builder, Action<CallJournalOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) =>
        {
            var options = new CallJournalOptions();
            configure?.Invoke(options);
            var check = new OptionsCheck(nameof(CallJournalOptions));
            options.Validate(check);
            string? model = check.DefaultModel(options.DefaultModel, inner, nameof(options.DefaultModel));
            check.ThrowIfInvalid();
            return new CallJournalChatClient(inner, options.Journal!, model!, options.Salt, options.Scopes,
                OptionsCheck.Loggers(options.LoggerFactory, services).CreateLogger<CallJournalChatClient>());
        });
    }
}
