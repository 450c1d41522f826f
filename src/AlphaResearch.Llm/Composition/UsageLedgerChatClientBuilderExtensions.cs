using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Llm;

/// <summary>Adds usage and cost accounting (R7) to a <see cref="ChatClientBuilder"/> pipeline.</summary>
public static class UsageLedgerChatClientBuilderExtensions
{
    /// <summary>
    /// Books one <see cref="UsageRecord"/> per logical call (tokens by kind, cost from the price card, retry attempts
    /// and waits) and enforces the run budget. Add it first (outermost) so one record covers every retry attempt.
    /// The options are validated when the pipeline is built: an invalid value throws <see cref="LlmConfigException"/>
    /// naming the option.
    /// </summary>
    public static ChatClientBuilder UseUsageLedger(this ChatClientBuilder builder, Action<UsageLedgerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, services) =>
        {
            var options = new UsageLedgerOptions();
            configure?.Invoke(options);
            var check = new OptionsCheck(nameof(UsageLedgerOptions));
            options.Validate(check);
            string? model = check.DefaultModel(options.DefaultModel, inner, nameof(options.DefaultModel));
            check.ThrowIfInvalid();
            return new UsageChatClient(inner, options.Ledger ?? new UsageLedger(), new PriceCard(new Dictionary<string, ModelPrice>(options.Prices, StringComparer.Ordinal)),
                options.RunDate, model!, options.RunBudgetUsd, OptionsCheck.Time(options.TimeProvider, services), OptionsCheck.Scopes(options.Scopes, inner),
                OptionsCheck.Loggers(options.LoggerFactory, services).CreateLogger<UsageChatClient>());
        });
    }
}
