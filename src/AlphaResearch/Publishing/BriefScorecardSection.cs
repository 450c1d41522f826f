using System.Text;
using AlphaResearch.Archive;

namespace AlphaResearch.Publishing;

/// <summary>
/// The brief's "Scorecard" section: the same deterministic scorecard of recent realised outcomes the macro economist
/// and the CIO were shown (windows ended by the run date; docs/EVALUATION.md).
/// </summary>
internal static class BriefScorecardSection
{
    public const string Heading = "## Scorecard (recent realised outcomes)";

    public static void Append(StringBuilder sb, ResearchOutcome outcome) =>
        sb.Append(Heading).Append("\n\n").Append(outcome.Context.Prior.Scorecard.ToMarkdown()).Append("\n\n");
}
