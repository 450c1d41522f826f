using System.Globalization;
using Microsoft.Extensions.Logging;

namespace AlphaResearch.Llm;

/// <summary>
/// One line per wait, shared by the retry layer and the governor so both read the same:
/// "sector_team:technology: 429, waiting 58 s, attempt 3, 61 min left of 75 (quant:technology:react)".
/// Waits of 10 s or more are Information (they reach stderr); shorter ones Debug, so a busy run stays readable.
/// </summary>
internal static class WaitLog
{
    public static readonly TimeSpan VisibleFrom = TimeSpan.FromSeconds(10);

    public static void Write(ILogger logger, CallTag tag, string status, TimeSpan wait, int attempt, TimeSpan? leftOfDeadline, TimeSpan deadline)
    {
        var level = wait >= VisibleFrom ? LogLevel.Information : LogLevel.Debug;
        if (!logger.IsEnabled(level)) return;
        string left = leftOfDeadline is { } l
            ? $"{Math.Max(0, l.TotalMinutes).ToString("0", CultureInfo.InvariantCulture)} min left of {deadline.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture)}"
            : "no deadline";
        LlmLog.Wait(logger, level, tag.AgentId, status, Math.Round(wait.TotalSeconds).ToString("0", CultureInfo.InvariantCulture), attempt, left, tag.Label);
    }
}
