using System.Text.RegularExpressions;

namespace AlphaResearch.Publishing;

/// <summary>
/// Masks anything that looks like a credential before text is written to artifacts: Anthropic/OpenAI style keys
/// (sk-ant-…, sk-…), Bearer tokens, x-api-key values and AWS access key ids. Replacements contain no quotes or
/// backslashes, so redacting serialized JSON keeps it valid.
/// </summary>
internal static partial class Redactor
{
    public const string Mask = "[REDACTED]";

    [GeneratedRegex(@"sk-ant-[A-Za-z0-9_\-]{8,}")]
    private static partial Regex AnthropicKey();

    [GeneratedRegex(@"\bsk-[A-Za-z0-9_\-]{20,}")]
    private static partial Regex GenericSecretKey();

    [GeneratedRegex(@"(?i)\bBearer\s+[A-Za-z0-9._~+/\-]+=*")]
    private static partial Regex BearerToken();

    [GeneratedRegex(@"(?i)(x-api-key[""']?\s*[:=]\s*[""']?)[A-Za-z0-9._\-]{8,}")]
    private static partial Regex ApiKeyHeader();

    [GeneratedRegex(@"\b(AKIA|ASIA)[0-9A-Z]{16}\b")]
    private static partial Regex AwsAccessKeyId();

    public static string Redact(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        text = AnthropicKey().Replace(text, Mask);
        text = GenericSecretKey().Replace(text, Mask);
        text = BearerToken().Replace(text, "Bearer " + Mask);
        text = ApiKeyHeader().Replace(text, m => m.Groups[1].Value + Mask);
        text = AwsAccessKeyId().Replace(text, Mask);
        return text;
    }
}
