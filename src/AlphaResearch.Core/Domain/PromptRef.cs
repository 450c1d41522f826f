namespace AlphaResearch.Domain;

/// <summary>Identifies the exact prompt text an output came from: id and version from front matter, SHA-256 of the body.</summary>
public sealed record PromptRef(string Id, string Version, string Sha256)
{
    /// <summary>Compact form for usage records and logs: "id@version#first-12-hex-of-sha256".</summary>
    public string Tag => $"{Id}@{Version}#{Sha256[..Math.Min(12, Sha256.Length)]}";

    public static string Tags(params PromptRef[] refs) => string.Join(",", refs.Select(r => r.Tag));
}
