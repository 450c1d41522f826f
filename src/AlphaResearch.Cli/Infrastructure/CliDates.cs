using System.Globalization;

namespace AlphaResearch.Cli.Infrastructure;

internal static class CliDates
{
    public static DateOnly? Parse(string? value, string option) =>
        value is null ? null
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new UserFacingException($"{option} '{value}' is not a date", "use YYYY-MM-DD");
}
