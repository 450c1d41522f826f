using Microsoft.Extensions.AI;

namespace AlphaResearch.Llm;

/// <summary>Adds Anthropic prompt caching to a <see cref="ChatClientBuilder"/> pipeline.</summary>
public static class PromptCachingChatClientBuilderExtensions
{
    /// <summary>
    /// Marks up to four cache_control breakpoints (tools, system, the latest messages of a tool loop) where the
    /// prefix reaches the model's minimum cacheable length. Only for an Anthropic (or Anthropic-compatible) inner
    /// client; add it last, just above the provider. The options are validated when the pipeline is built.
    /// </summary>
    public static ChatClientBuilder UsePromptCaching(this ChatClientBuilder builder, Action<PromptCachingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((inner, _) =>
        {
            var options = new PromptCachingOptions();
            configure?.Invoke(options);
            var check = new OptionsCheck(nameof(PromptCachingOptions));
            string? model = check.DefaultModel(options.DefaultModel, inner, nameof(options.DefaultModel));
            check.ThrowIfInvalid();
            return new PromptCachingChatClient(inner, model!);
        });
    }
}
