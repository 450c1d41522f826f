using System.Net;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace AlphaResearch.Publishing;

/// <summary>
/// Renders the brief's Markdown as ONE self-contained HTML page: inline CSS, no scripts, no external assets.
/// Raw HTML is disabled (shown as text) and every link or image is reduced to its text, so nothing an agent
/// wrote can pull in a remote resource.
/// </summary>
internal static class BriefHtmlRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    /// <param name="chartsHtml">inline SVG built by this code (never agent text), placed after the brief; null = none</param>
    public static string Render(string markdown, string title, string? chartsHtml = null)
    {
        var doc = Markdown.Parse(markdown, Pipeline);
        foreach (var link in doc.Descendants<LinkInline>().ToList())
            link.ReplaceBy(new LiteralInline(link.IsImage ? $"[image: {PlainText(link)}]" : PlainText(link)), copyChildren: false);
        foreach (var auto in doc.Descendants<AutolinkInline>().ToList())
            auto.ReplaceBy(new LiteralInline(auto.Url), copyChildren: false);

        using var body = new StringWriter();
        var renderer = new HtmlRenderer(body);
        Pipeline.Setup(renderer);
        renderer.Render(doc);
        body.Flush();
        string html = ColourRatings(body.ToString());

        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{WebUtility.HtmlEncode(title)}}</title>
            <style>
            body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328; background: #f6f8fa; margin: 0; }
            main { max-width: 1080px; margin: 24px auto; background: #fff; padding: 24px 36px; border: 1px solid #d0d7de; border-radius: 8px; }
            h1 { font-size: 26px; border-bottom: 2px solid #0b3d91; padding-bottom: 8px; color: #0b3d91; }
            h2 { font-size: 19px; margin-top: 28px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
            h3, h4 { font-size: 16px; }
            table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 14px; }
            th, td { border: 1px solid #d0d7de; padding: 6px 8px; text-align: left; vertical-align: top; }
            th { background: #eef2f7; }
            tr:nth-child(even) td { background: #fafbfc; }
            td:nth-child(2) { white-space: nowrap; font-weight: 600; }
            ul { padding-left: 22px; } li { margin: 4px 0; }
            hr { border: 0; border-top: 1px solid #d0d7de; margin: 24px 0 8px; }
            em { color: #57606a; }
            svg { display: block; max-width: 100%; height: auto; margin: 8px 0 20px; }
            .r-buy { color: #1a7f37; } .r-sell { color: #cf222e; } .r-hold { color: #9a6700; }
            </style>
            </head>
            <body>
            <main>
            {{html}}
            {{chartsHtml}}
            </main>
            </body>
            </html>
            """;
    }

    /// <summary>Table cells holding exactly BUY / SELL / HOLD get a colour class (reference e-mail styling).</summary>
    private static string ColourRatings(string html) => html
        .Replace("<td>BUY</td>", "<td class=\"r-buy\">BUY</td>", StringComparison.Ordinal)
        .Replace("<td>SELL</td>", "<td class=\"r-sell\">SELL</td>", StringComparison.Ordinal)
        .Replace("<td>HOLD</td>", "<td class=\"r-hold\">HOLD</td>", StringComparison.Ordinal);

    private static string PlainText(ContainerInline container) =>
        string.Concat(container.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
}
