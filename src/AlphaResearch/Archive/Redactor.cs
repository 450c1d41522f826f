using System.Collections;
using System.Text.RegularExpressions;

namespace AlphaResearch.Archive;

/// <summary>
/// Masks credentials before text reaches logs, errors, results or artifacts: by VALUE — the actual key values this
/// process was configured with (the provider and AWS keys, SMTP password, and any environment variable whose name
/// says key/secret/token/password; values of 8+ characters), whatever their shape — and by PATTERN: Anthropic/OpenAI
/// style keys (sk-ant-…, sk-…), Bearer tokens, x-api-key values and AWS access key ids. Replacements contain no quotes
/// or backslashes, so redacting serialized JSON keeps it valid.
/// </summary>
internal static partial class Redactor
{
    public const string Mask = "[REDACTED]";

    /// <summary>Shorter values are not masked by value (too likely to be ordinary words or numbers).</summary>
    public const int MinSecretLength = 8;

    /// <summary>Environment variables that hold credentials whatever their name pattern.</summary>
    public static IReadOnlyList<string> KnownSecretVariables { get; } =
    [
        "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "OPENAI_API_KEY", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_ACCESS_KEY_ID", "ALPHA_RESEARCH_SMTP_PASSWORD",
    ];

    private static readonly Lock Gate = new();
    private static string[] _secrets = [];

    static Redactor()
    {
        // The process's own environment, once: covers every key the CLI or a library reads from it.
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            if (e.Key is string name && e.Value is string value && IsSecretName(name)) AddSecret(value);
        }
    }

    [GeneratedRegex(@"(?i)(^|_)(API_?KEY|KEY|SECRET|TOKEN|PASSWORD|PASSWD|PWD|CREDENTIALS?)($|_)")]
    private static partial Regex SecretName();

    public static bool IsSecretName(string name) => KnownSecretVariables.Contains(name, StringComparer.OrdinalIgnoreCase) || SecretName().IsMatch(name);

    /// <summary>Masks this exact value from now on (ignored when shorter than <see cref="MinSecretLength"/>).</summary>
    public static void AddSecret(string? value)
    {
        value = value?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length < MinSecretLength) return;
        lock (Gate)
        {
            if (_secrets.Contains(value, StringComparer.Ordinal)) return;
            // Longest first, so a secret containing another is masked whole.
            _secrets = [.. _secrets.Append(value).OrderByDescending(s => s.Length)];
        }
    }

    /// <summary>Registers the values of the known and secret-named variables an injected environment reader returns.</summary>
    public static void AddSecretsFrom(Func<string, string?> environment, IEnumerable<string>? extraNames = null)
    {
        foreach (var name in KnownSecretVariables.Concat(extraNames ?? [])) AddSecret(environment(name));
    }

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
        foreach (var secret in _secrets) text = text.Replace(secret, Mask, StringComparison.Ordinal);
        text = AnthropicKey().Replace(text, Mask);
        text = GenericSecretKey().Replace(text, Mask);
        text = BearerToken().Replace(text, "Bearer " + Mask);
        text = ApiKeyHeader().Replace(text, m => m.Groups[1].Value + Mask);
        text = AwsAccessKeyId().Replace(text, Mask);
        return text;
    }
}
