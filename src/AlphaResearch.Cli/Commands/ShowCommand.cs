using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using AlphaResearch.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AlphaResearch.Cli.Commands;

public sealed class ShowSettings : GlobalSettings
{
    [CommandOption("--date <DATE>")]
    [Description("Run date of the brief (YYYY-MM-DD).")]
    public string? Date { get; init; }

    [CommandOption("--store <PATH>")]
    [Description("Local store folder the run published to (default: ./.alpha-research).")]
    public string Store { get; init; } = ".alpha-research";

    [CommandOption("--html")]
    [Description("Print the path of the self-contained HTML brief instead of the brief itself.")]
    public bool Html { get; init; }
}

/// <summary>`alpha-research show --date D` — prints a published morning brief in the terminal (or the HTML file's path).</summary>
public sealed class ShowCommand : Command<ShowSettings>
{
    public override int Execute(CommandContext context, ShowSettings settings, CancellationToken cancellationToken)
    {
        var (markdownPath, htmlPath) = ResolveBrief(settings.Store, settings.Date);
        if (settings.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["date"] = settings.Date!, ["markdown_path"] = markdownPath, ["html_path"] = htmlPath,
                ["markdown"] = File.ReadAllText(markdownPath),
            }, new JsonSerializerOptions { WriteIndented = true }));
        }
        else if (settings.Html) Console.Out.WriteLine(htmlPath);
        else BriefTerminalRenderer.Render(AnsiConsole.Console, File.ReadAllText(markdownPath));
        return ExitCodes.Ok;
    }

    /// <summary>Absolute paths of the stored brief for a date; a user-facing error when the date is malformed or nothing was published.</summary>
    internal static (string Markdown, string Html) ResolveBrief(string store, string? date)
    {
        if (date is null || !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            throw new UserFacingException($"--date '{date}' is not a date in the form YYYY-MM-DD", "for example: alpha-research show --date 2025-01-10");
        string root = Path.GetFullPath(store);
        string md = Path.Combine(root, "briefs", date, "brief.md");
        string html = Path.Combine(root, "briefs", date, "brief.html");
        if (!File.Exists(md))
            throw new UserFacingException($"no brief for {date} in store '{root}' (looked for {md})",
                "publish that date first, or point --store at the folder the run wrote to");
        return (md, html);
    }
}
