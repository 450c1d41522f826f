namespace AlphaResearch.Llm;

/// <summary>Options of <see cref="PromptCachingChatClientBuilderExtensions.UsePromptCaching"/>.</summary>
public sealed class PromptCachingOptions
{
    /// <summary>
    /// The model of calls without <c>ChatOptions.ModelId</c> (it decides the minimum cacheable prefix);
    /// null: the inner client's <c>ChatClientMetadata.DefaultModelId</c>.
    /// </summary>
    public string? DefaultModel { get; set; }
}
