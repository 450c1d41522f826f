using System.Text;
using AlphaResearch.Archive;
using AlphaResearch.Scoring;

namespace AlphaResearch.Publishing;

/// <summary>
/// The brief's "Alerts" section: the CIO floor tripwire (too few new names qualified, none forced) and every ADVANCE
/// that found the book full. Absent when the run has none, so a quiet week's brief is unchanged.
/// </summary>
internal static class BriefAlertsSection
{
    public static void Append(StringBuilder sb, ResearchOutcome outcome)
    {
        var lines = outcome.Cio.Alerts.Select(a => a.Message)
            .Concat(outcome.Rotation.BookFull.Select(e => "book_full: " + PopulationRotation.BookFullText(e)))
            .ToArray();
        if (lines.Length == 0) return;
        sb.Append("## Alerts\n\n");
        foreach (var line in lines) sb.Append("- ").Append(MarkdownText.Inline(line)).Append('\n');
        sb.Append('\n');
    }
}
