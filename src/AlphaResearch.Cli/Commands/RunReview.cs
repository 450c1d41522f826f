using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AlphaResearch.Archive;
using AlphaResearch.Cli.Infrastructure;

namespace AlphaResearch.Cli.Commands;

/// <summary>
/// What `review` reads and builds: a run's published decision artifacts and population document, traced for one name
/// (team, quant and qual scores with rationale, peer-review verdict, CIO decision, population event) or summarised
/// per agent. Reads only what the run wrote, so it costs nothing and works on any store.
/// </summary>
internal sealed class RunReview
{
    private readonly Dictionary<string, JsonObject> _artifacts; // agent id → artifact
    private readonly JsonObject? _population;

    private RunReview(string date, Dictionary<string, JsonObject> artifacts, JsonObject? population)
    {
        Date = date;
        _artifacts = artifacts;
        _population = population;
    }

    public string Date { get; }
    public IReadOnlyCollection<string> AgentIds => _artifacts.Keys;

    /// <exception cref="UserFacingException">No decision artifacts for the date in the store.</exception>
    public static async Task<RunReview> LoadAsync(IObjectStore store, string date, CancellationToken ct)
    {
        var prefix = $"decision_artifacts/{date}/";
        var keys = (await store.ListAsync(prefix, ct)).Where(k => k.EndsWith("/artifact.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        if (keys.Length == 0)
            throw new UserFacingException($"no decision artifacts for {date} in store '{store.Location}' (looked under {prefix})",
                "review a date that was published (alpha-research status --date D), add --dry-run for a dry run, or point --store at the store the run wrote to");
        var artifacts = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var bytes = await store.GetAsync(key, ct);
            if (bytes is null || JsonNode.Parse(bytes) is not JsonObject a) continue;
            artifacts[a["agent_id"]?.GetValue<string>() ?? key] = a;
        }
        var pop = await store.GetAsync($"population/{date}.json", ct);
        return new RunReview(date, artifacts, pop is null ? null : JsonNode.Parse(pop) as JsonObject);
    }

    /// <summary>"technology" and "sector_team-technology" name "sector_team:technology".</summary>
    public string ResolveAgent(string id)
    {
        var wanted = id.Trim().ToLowerInvariant().Replace('-', ':');
        foreach (var a in _artifacts.Keys)
        {
            if (a == wanted || a == "sector_team:" + wanted) return a;
        }
        throw new UserFacingException($"unknown agent '{id}' for {Date}",
            $"use one of: {string.Join(", ", _artifacts.Keys.Order(StringComparer.Ordinal))}");
    }

    private static JsonObject Output(JsonObject artifact) => artifact["output"] as JsonObject ?? [];
    private static IEnumerable<JsonObject> Items(JsonNode? n) => (n as JsonArray ?? []).OfType<JsonObject>();
    private static string? Str(JsonNode? n, string key) => n?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    private static bool Is(JsonNode? n, string key, string ticker) => string.Equals(Str(n, key), ticker, StringComparison.OrdinalIgnoreCase);

    private IEnumerable<(string Agent, JsonObject Output)> Teams(string? agent) => _artifacts
        .Where(kv => kv.Key.StartsWith("sector_team:", StringComparison.Ordinal) && (agent is null || kv.Key == agent))
        .OrderBy(kv => kv.Key, StringComparer.Ordinal)
        .Select(kv => (kv.Key, Output(kv.Value)));

    /// <summary>The trace of one name through the run; <paramref name="agent"/> limits the teams looked at.</summary>
    /// <exception cref="UserFacingException">The name appears nowhere in the run.</exception>
    public JsonObject Trace(string ticker, string? agent)
    {
        var t = ticker.Trim().ToUpperInvariant().Replace('.', '-');
        var teams = new JsonArray();
        foreach (var (id, output) in Teams(agent))
        {
            var pick = Items(output["quant_ranked_picks"]).Select((p, i) => (P: p, Rank: i + 1)).FirstOrDefault(x => Is(x.P, "ticker", t));
            var rec = Items(output["recommendations"]).FirstOrDefault(r => Is(r, "ticker", t));
            if (pick.P is null && rec is null) continue;
            string verdict = rec is null ? "not selected by the peer review"
                : rec["is_qual_addition"]?.GetValue<bool>() == true ? "added by the qual analyst and accepted by the peer review" : "selected by the peer review";
            teams.Add(new JsonObject
            {
                ["team"] = id,
                ["quant_rank"] = pick.P is null ? null : pick.Rank,
                ["quant_score"] = (pick.P?["quant_score"] ?? rec?["quant_score"])?.DeepClone(),
                ["quant_rationale"] = Str(pick.P, "rationale") ?? Str(rec, "quant_rationale"),
                ["qual_score"] = rec?["qual_score"]?.DeepClone(),
                ["conviction"] = rec?["conviction"]?.DeepClone(),
                ["bull_case"] = Str(rec, "bull_case"),
                ["bear_case"] = Str(rec, "bear_case"),
                ["peer_review"] = verdict,
                ["peer_review_rationale"] = Str(rec, "peer_review_rationale"),
            });
        }
        var cio = _artifacts.TryGetValue("cio", out var c) ? Items(Output(c)["decisions"]).FirstOrDefault(d => Is(d, "ticker", t)) : null;
        var events = new JsonArray(Items(_population?["events"]).Where(e => Is(e, "ticker", t)).Select(e => (JsonNode?)e.DeepClone()).ToArray());
        foreach (var b in Items(_population?["book_full"]).Where(e => Is(e, "ticker", t)))
        {
            var full = (JsonObject)b.DeepClone();
            full["reason"] = "book_full";
            events.Add(full);
        }
        bool held = Items(_population?["population"]).Any(p => Is(p, "ticker", t));
        if (teams.Count == 0 && cio is null && events.Count == 0 && !held)
            throw new UserFacingException($"unknown ticker '{ticker}' in the run of {Date}: no team picked it, the CIO did not decide it and it is not in the book",
                "review without --ticker to list every name the run decided");
        return new JsonObject
        {
            ["date"] = Date,
            ["ticker"] = t,
            ["teams"] = teams,
            ["cio"] = cio?.DeepClone(),
            ["population_events"] = events,
            ["in_population"] = held,
        };
    }

    /// <summary>Every agent's decisions (or one agent's): macro view, team picks, CIO decisions, population changes.</summary>
    public JsonObject Summary(string? agent)
    {
        var result = new JsonObject { ["date"] = Date };
        if ((agent is null || agent == "macro") && _artifacts.TryGetValue("macro", out var m))
        {
            var o = Output(m);
            result["macro"] = new JsonObject
            {
                ["market_regime"] = o["market_regime"]?.DeepClone(), ["key_theme"] = o["key_theme"]?.DeepClone(),
                ["de_risk"] = o["de_risk"]?.DeepClone(), ["sp_drawdown_pct"] = o["sp_drawdown_pct"]?.DeepClone(),
                ["revised"] = o["revised"]?.DeepClone(),
            };
        }
        var teams = new JsonArray();
        foreach (var (id, o) in Teams(agent is not null && agent.StartsWith("sector_team:", StringComparison.Ordinal) ? agent : null))
        {
            if (agent is not null && agent != id) continue;
            teams.Add(new JsonObject
            {
                ["team"] = id,
                ["quant_picks"] = new JsonArray(Items(o["quant_ranked_picks"]).Select(p => (JsonNode?)Str(p, "ticker")).ToArray()),
                ["recommendations"] = new JsonArray(Items(o["recommendations"]).Select(r => (JsonNode?)new JsonObject
                {
                    ["ticker"] = Str(r, "ticker"), ["quant_score"] = r["quant_score"]?.DeepClone(), ["qual_score"] = r["qual_score"]?.DeepClone(),
                    ["conviction"] = r["conviction"]?.DeepClone(),
                }).ToArray()),
            });
        }
        if (agent is null || agent.StartsWith("sector_team:", StringComparison.Ordinal)) result["teams"] = teams;
        if ((agent is null || agent == "cio") && _artifacts.TryGetValue("cio", out var c))
        {
            var o = Output(c);
            result["cio"] = new JsonObject
            {
                ["decisions"] = new JsonArray(Items(o["decisions"]).Select(d => (JsonNode?)new JsonObject
                {
                    ["ticker"] = Str(d, "ticker"), ["decision"] = Str(d, "decision"), ["rank"] = d["rank"]?.DeepClone(),
                    ["conviction"] = d["conviction"]?.DeepClone(), ["rule_tags"] = d["rule_tags"]?.DeepClone(),
                }).ToArray()),
                ["alerts"] = o["alerts"]?.DeepClone(),
            };
        }
        if (agent is null && _population is not null)
        {
            result["population"] = new JsonObject
            {
                ["size"] = Items(_population["population"]).Count(),
                ["events"] = new JsonArray(Items(_population["events"]).Select(e => (JsonNode?)$"{Str(e, "type")} {Str(e, "ticker")} ({Str(e, "reason")})").ToArray()),
                ["book_full"] = new JsonArray(Items(_population["book_full"]).Select(e => (JsonNode?)Str(e, "ticker")).ToArray()),
            };
        }
        return result;
    }

    /// <summary>The trace as plain lines for the terminal.</summary>
    public static string TraceText(JsonObject trace)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{trace["ticker"]} in the run of {trace["date"]}");
        foreach (var t in Items(trace["teams"]))
        {
            sb.AppendLine($"- proposed by {Str(t, "team")}: quant rank {Num(t["quant_rank"])}, quant {Num(t["quant_score"])}, qual {Num(t["qual_score"])}, conviction {Num(t["conviction"])}");
            sb.AppendLine($"  quant rationale: {Str(t, "quant_rationale") ?? "n/a"}");
            if (Str(t, "bull_case") is { } bull) sb.AppendLine($"  bull: {bull}");
            if (Str(t, "bear_case") is { } bear) sb.AppendLine($"  bear: {bear}");
            sb.AppendLine($"  peer review: {Str(t, "peer_review")}{(Str(t, "peer_review_rationale") is { Length: > 0 } why ? " — " + why : "")}");
        }
        if (trace["cio"] is JsonObject d)
        {
            sb.AppendLine($"- CIO: {Str(d, "decision")}, rank {Num(d["rank"])}, conviction {Num(d["conviction"])}, sector {Str(d, "sector") ?? "n/a"}, " +
                          $"combined {Num(d["combined_score"])}, final {Num(d["final_score"])}; rule tags: {string.Join(", ", Items2(d["rule_tags"]))}");
            sb.AppendLine($"  rationale: {Str(d, "rationale")}");
        }
        else sb.AppendLine("- CIO: not a candidate this run");
        var events = Items(trace["population_events"]).ToArray();
        if (events.Length == 0) sb.AppendLine(trace["in_population"]?.GetValue<bool>() == true ? "- population: held, no change this run" : "- population: not in the book");
        foreach (var e in events)
            sb.AppendLine($"- population: {Str(e, "type") ?? "no entry"} ({Str(e, "reason")}){(e["score_in"] is { } si ? ", score in " + Num(si) : "")}{(e["score_out"] is { } so ? ", score out " + Num(so) : "")}");
        return sb.ToString().TrimEnd();
    }

    /// <summary>The summary as plain lines for the terminal.</summary>
    public static string SummaryText(JsonObject s)
    {
        var sb = new StringBuilder($"Run of {s["date"]}\n");
        if (s["macro"] is JsonObject m)
            sb.AppendLine($"- macro: regime {Str(m, "market_regime")}, theme \"{Str(m, "key_theme")}\", de-risk {(m["de_risk"]?.GetValue<bool>() == true ? "ON" : "off")}, S&P drawdown {Num(m["sp_drawdown_pct"])}%");
        foreach (var t in Items(s["teams"]))
            sb.AppendLine($"- {Str(t, "team")}: quant picks {string.Join(", ", Items2(t["quant_picks"]))}; recommends " +
                          string.Join(", ", Items(t["recommendations"]).Select(r => $"{Str(r, "ticker")} (quant {Num(r["quant_score"])}, qual {Num(r["qual_score"])}, conviction {Num(r["conviction"])})")));
        if (s["cio"] is JsonObject c)
        {
            foreach (var g in Items(c["decisions"]).GroupBy(d => Str(d, "decision")))
                sb.AppendLine($"- cio {g.Key}: {string.Join(", ", g.Select(d => Str(d, "ticker") + (d["rank"] is JsonValue r && g.Key?.StartsWith("ADVANCE", StringComparison.Ordinal) == true ? " #" + Num(r) : "")))}");
            foreach (var a in Items(c["alerts"])) sb.AppendLine($"- cio alert: {Str(a, "message")}");
        }
        if (s["population"] is JsonObject p)
            sb.AppendLine($"- population: {Num(p["size"])} names; {string.Join("; ", Items2(p["events"]).DefaultIfEmpty("no change"))}" +
                          (Items2(p["book_full"]).Any() ? $"; book full for {string.Join(", ", Items2(p["book_full"]))}" : ""));
        return sb.ToString().TrimEnd();
    }

    private static IEnumerable<string> Items2(JsonNode? n) => (n as JsonArray ?? []).Select(x => x?.ToString() ?? "");

    private static string Num(JsonNode? n) => n is JsonValue v && v.TryGetValue<double>(out var d)
        ? d.ToString("0.##", CultureInfo.InvariantCulture)
        : n is null ? "n/a" : n.ToString();
}
