namespace AlphaResearch.Agents;

/// <summary>Identifies the exact prompt text an output came from: id and version from front matter, SHA-256 of the body.</summary>
public sealed record PromptRef(string Id, string Version, string Sha256);
