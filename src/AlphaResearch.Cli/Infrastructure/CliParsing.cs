using System.Globalization;
using System.Text.RegularExpressions;
using AlphaResearch.Archive;
using AlphaResearch.Config;
using AlphaResearch.Llm;

namespace AlphaResearch.Cli.Infrastructure;

/// <summary>Parsing of shared option values, with errors that name the option and show a valid example.</summary>
internal static partial class CliParsing
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(49);

    public static DateOnly Date(string value, string option) =>
        DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new UserFacingException($"{option} '{value}' is not a date", $"write it as yyyy-MM-dd, e.g. {option} 2026-05-15");

    /// <summary>An optional date option: null when absent.</summary>
    public static DateOnly? OptionalDate(string? value, string option) => value is null ? null : Date(value, option);

    /// <summary>"90m", "2h", "45s", "1h30m".</summary>
    public static TimeSpan Duration(string value, string option)
    {
        var m = DurationPattern().Match(value.Trim());
        if (!m.Success || m.Length == 0 || value.Trim().Length == 0)
            throw new UserFacingException($"{option} '{value}' is not a duration", $"use e.g. {option} 90m, 2h, 1h30m or 45s");
        double hours = m.Groups["h"].Success ? double.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture) : 0;
        double minutes = m.Groups["m"].Success ? double.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        double seconds = m.Groups["s"].Success ? double.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        // Compare in seconds first: TimeSpan.FromHours(1e20) would overflow (an exception, not bad input).
        double total = hours * 3600 + minutes * 60 + seconds;
        if (total > MaxDuration.TotalSeconds)
            throw new UserFacingException($"{option} '{value}' is longer than the longest supported duration (49 days)", $"use e.g. {option} 90m");
        var span = TimeSpan.FromSeconds(total);
        if (span <= TimeSpan.Zero) throw new UserFacingException($"{option} '{value}' must be positive", $"use e.g. {option} 90m");
        // Timers (CancellationTokenSource) hold at most ~49.7 days; beyond that they throw instead of waiting.
        if (span > MaxDuration)
            throw new UserFacingException($"{option} '{value}' is longer than the longest supported duration (49 days)", $"use e.g. {option} 90m");
        return span;
    }

    public static LlmProvider Provider(string value) => value.Trim().ToLowerInvariant() switch
    {
        "anthropic" => LlmProvider.Anthropic,
        "openai" => LlmProvider.OpenAI,
        "sim" => LlmProvider.Sim,
        "stub" => LlmProvider.Stub,
        _ => throw new UserFacingException($"--llm '{value}' is not a provider", "use one of: anthropic, openai, sim, stub"),
    };

    public static IObjectStore OpenStore(string? store, AlphaResearchConfig config)
    {
        string location = store ?? config.Engine.Store;
        if (!location.StartsWith("s3://", StringComparison.OrdinalIgnoreCase) && File.Exists(location))
        {
            throw new UserFacingException($"--store '{location}' is a file, not a folder",
                "point --store at a folder (created if missing) or s3://bucket/prefix");
        }
        try
        {
            return ObjectStoreFactory.Open(store ?? config.Engine.Store, new S3StoreOptions
            {
                ServiceUrl = config.Engine.S3ServiceUrl,
                ForcePathStyle = config.Engine.S3ForcePathStyle,
            });
        }
        catch (ArgumentException ex)
        {
            throw new UserFacingException($"--store: {ex.Message}", "use a folder path or s3://bucket/prefix");
        }
    }

    /// <summary>An argument as a shell user would retype it (quoted when it holds spaces or quotes).</summary>
    public static string QuoteArgument(string value) =>
        value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || "-_./:~+=@,".Contains(c)) ? value : "'" + value.Replace("'", "'\\''") + "'";

    [GeneratedRegex(@"^(?:(?<h>\d+(?:\.\d+)?)h)?(?:(?<m>\d+(?:\.\d+)?)m)?(?:(?<s>\d+(?:\.\d+)?)s)?$")]
    private static partial Regex DurationPattern();
}
