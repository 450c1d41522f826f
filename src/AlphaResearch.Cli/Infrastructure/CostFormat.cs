using System.Globalization;

namespace AlphaResearch.Cli.Infrastructure;

/// <summary>Costs as the CLI prints them: always four decimals ("$0.0123", JSON 0.0123), never 0.01229999 or 1E-05.</summary>
internal static class CostFormat
{
    public const int Decimals = 4;

    public static decimal Round(decimal usd) => decimal.Round(usd, Decimals, MidpointRounding.AwayFromZero);

    public static string Usd(decimal usd) => "$" + Round(usd).ToString("0.0000", CultureInfo.InvariantCulture);
}
