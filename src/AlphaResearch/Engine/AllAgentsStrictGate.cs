using AlphaResearch.Domain;

namespace AlphaResearch.Engine;

/// <summary>
/// R5: the run completes only when every agent ran for real. Any sector team missing, failed or
/// partial, or a failed macro / CIO, refuses the run; the message starts "ALL-AGENTS-STRICT:" and names
/// every such agent with its reason.
/// </summary>
public static class AllAgentsStrictGate
{
    public const string Prefix = "ALL-AGENTS-STRICT:";
    private const int MaxReasonLength = 200;

    /// <summary>Null when all six teams are present and succeeded; otherwise the refusal message.</summary>
    public static string? CheckTeams(IReadOnlyDictionary<TeamId, SectorTeamOutput> teams)
    {
        var missing = Teams.All.Where(t => !teams.ContainsKey(t)).ToList();
        var failed = Teams.All.Where(t => teams.TryGetValue(t, out var o) && o.Error is not null).ToList();
        var partial = Teams.All.Where(t => teams.TryGetValue(t, out var o) && o.Error is null && o.Partial).ToList();
        int bad = missing.Count + failed.Count + partial.Count;
        if (bad == 0) return null;

        var parts = new List<string>();
        if (failed.Count > 0)
            parts.Add("failed: " + string.Join(", ", failed.Select(t => $"{t.Id()} ({Shorten(teams[t].Error!)})")));
        if (missing.Count > 0)
            parts.Add("missing: " + string.Join(", ", missing.Select(t => t.Id())));
        if (partial.Count > 0)
            parts.Add("partial: " + string.Join(", ", partial.Select(t =>
                teams[t].PartialReasons.Count > 0 ? $"{t.Id()} ({Shorten(string.Join("; ", teams[t].PartialReasons))})" : t.Id())));
        return $"{Prefix} {bad} of {Teams.All.Count} sector team(s) did not complete — {string.Join("; ", parts)} — nothing promoted; " +
               "re-run the same date to retry only these (completed agents resume)";
    }

    /// <summary>The refusal for a failed macro or CIO agent.</summary>
    public static string AgentFailed(string agentId, string reason) =>
        $"{Prefix} {agentId} failed: {Shorten(reason)} — nothing promoted; re-run the same date to retry (completed agents resume)";

    private static string Shorten(string s)
    {
        s = s.ReplaceLineEndings(" ").Trim();
        return s.Length <= MaxReasonLength ? s : s[..(MaxReasonLength - 1)] + "…";
    }
}
