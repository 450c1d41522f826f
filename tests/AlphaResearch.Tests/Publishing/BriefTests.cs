using System.Text.RegularExpressions;
using AlphaResearch.Domain;
using AlphaResearch.Publishing;
using static AlphaResearch.Tests.Publishing.PublishingFixtures;

namespace AlphaResearch.Tests.Publishing;

public sealed partial class BriefTests
{
    private static string Markdown() => new BriefMarkdownBuilder(new BriefOptions()).Build(Outcome());

    [Fact]
    public void Markdown_HasTitleAndSectionsInOrder()
    {
        string md = Markdown();
        Assert.StartsWith("# Alpha Research Brief — 2025-01-10\n", md);
        string[] sections = ["## Macro regime summary", "## Risk posture", "## Sector allocation", "## Notable developments", "## Universe ratings", "## Run cost"];
        var positions = sections.Select(s => md.IndexOf(s, StringComparison.Ordinal)).ToArray();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order().ToArray(), positions);
        Assert.Contains("**Current regime: BULL** — Disinflation with resilient growth", md);
        Assert.Contains("LLM cost of this run: $12.35", md);
        Assert.EndsWith("*Brief generated: 2025-01-10T07:30:00Z | Portfolio: 5*\n", md);
        Assert.DoesNotContain("```", md);
    }

    [Fact]
    public void Markdown_RunCost_names_what_resumed_agents_cost_earlier()
    {
        string md = new BriefMarkdownBuilder(new BriefOptions()).Build(Outcome() with { CostUsd = 1.25m, ResumedCostUsd = 11.10m });
        Assert.Contains("LLM cost of this run: $1.25 (plus $11.10 paid by an earlier attempt for this date, whose agents this run resumed; research total $12.35)", md);
        // A first attempt resumed nothing: no earlier attempt is mentioned.
        Assert.DoesNotContain("earlier attempt", Markdown());
        Assert.DoesNotContain("resumed", Markdown());
    }

    [Fact]
    public void Markdown_RiskPosture_SummarisesPopulationAtr()
    {
        // Population ATR%: AAPL 1.8, MSFT 1.5, JPM 1.6, XOM 2.4, CAT 2.0 → avg 1.86, median 1.80, max 2.40.
        Assert.Contains("- Population ATR% (14d): avg 1.86 · median 1.80 · max 2.40\n", Markdown());
    }

    [Fact]
    public void Markdown_SectorTable_UsesArrowsPerRating()
    {
        string md = Markdown();
        Assert.Contains("| Information Technology | ▲ overweight | 1.20 | AI capex cycle |", md);
        Assert.Contains("| Energy | ▼ underweight | 0.80 | Oversupply |", md);
        Assert.Contains("| Utilities | ● market weight | 1.00 | Neutral |", md);
    }

    [Fact]
    public void Markdown_NotableDevelopments_ListHighConvictionExitsAndCioAdvances()
    {
        string md = Markdown();
        Assert.Contains("- **AAPL** (Technology, conviction 82): Services margin expansion\n", md);
        Assert.Contains("- **PG** exited the population: thesis\\_collapse\n", md);
        Assert.Contains("- **AAPL** advanced by the CIO (rank 1): Best risk/reward\n", md);
        Assert.DoesNotContain("**JNJ**", md); // conviction 60 < 70, rejected
    }

    [Fact]
    public void Rows_AreOrderedNewBuyRecUpdatedHoldExit_ThenScore()
    {
        var rows = BriefMarkdownBuilder.Rows(Outcome());
        Assert.Equal(
            ["AAPL NEW", "JNJ BUY REC", "JPM UPDATED", "MSFT UPDATED", "CAT HOLD", "XOM HOLD", "PG EXIT"],
            rows.Select(r => $"{r.Ticker} {BriefMarkdownBuilder.Label(r.Status)}").ToArray());
        Assert.Contains("Portfolio: 5 names · New: 1 · Exited: 1 · Buy candidates: 1", Markdown());
    }

    [Fact]
    public void Html_IsSelfContained_AndEscapesAgentText()
    {
        string html = BriefHtmlRenderer.Render(Markdown(), "Alpha Research Brief — 2025-01-10");
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<style>", html);
        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.DoesNotContain("<script", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("<table>", html);
        Assert.Contains("<td>▲ overweight</td>", html);
        Assert.Contains("<td>PG</td>\n<td>EXIT</td>\n<td class=\"r-sell\">SELL</td>", html);
        Assert.Contains("<h1>Alpha Research Brief — 2025-01-10</h1>", html);
    }

    [Fact]
    public void Html_LinksAndImagesFromMarkdown_BecomeText()
    {
        string html = BriefHtmlRenderer.Render("See [docs](https://example.com/a) and ![chart](http://cdn.example/c.png) and <https://x.example>.", "t <b>");
        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.DoesNotContain("<a ", html);
        Assert.DoesNotContain("<img", html);
        Assert.True(html.Contains("See docs and [image: chart] and https://x.example.", StringComparison.Ordinal), html);
        Assert.Contains("<title>t &lt;b&gt;</title>", html);
    }

    [GeneratedRegex(@"(src|href)\s*=\s*[""']?\s*(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
