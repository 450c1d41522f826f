using Microsoft.Extensions.Logging;

namespace AlphaResearch.Llm;

/// <summary>Options of <see cref="CallJournalChatClientBuilderExtensions.UseCallJournal"/>.</summary>
public sealed class CallJournalOptions
{
    /// <summary>Where calls are recorded and found (required).</summary>
    public ICallJournal? Journal { get; set; }

    /// <summary>Part of every request key, so one provider's answers never replay for another (the gateway passes the provider id).</summary>
    public string Salt { get; set; } = "";

    /// <summary>The model of calls without <c>ChatOptions.ModelId</c>; null: the inner client's <c>ChatClientMetadata.DefaultModelId</c>.</summary>
    public string? DefaultModel { get; set; }

    /// <summary>Null: the builder's services' <see cref="ILoggerFactory"/>, else no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The gateway's call scopes, so a record carries whether the simulator answered the call (set by the gateway).</summary>
    internal LlmCallScopes? Scopes { get; set; }

    internal void Validate(OptionsCheck check)
    {
        check.Require(Journal is not null, nameof(Journal), null, "must be set (the store the calls are recorded in)");
        check.Require(Salt is not null, nameof(Salt), Salt, "must not be null (leave it empty when one provider is used)");
    }
}
