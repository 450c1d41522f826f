using System.Text.RegularExpressions;

namespace AlphaResearch.Scale;

/// <summary>Dated model ids (claude-haiku-4-5-20251001) share the undated model's org pool, as in the governor.</summary>
internal static partial class ModelPool
{
    public static string Of(string model) => DatedSuffix().Replace(model, "");

    [GeneratedRegex(@"-\d{8}$")]
    private static partial Regex DatedSuffix();
}
