namespace AlphaResearch.Publishing;

/// <summary>Population rotation rules, brief and e-mail settings.</summary>
public sealed record PublishingConfig
{
}
