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
    [Description("Run date of the brief (YYYY-MM-DD). Default: the latest brief in the store.")]
    public string? Date { get; init; }

    [CommandOption("--dry-run")]
    [Description("Show a dry run's brief (from the store's dry_run/ namespace).")]
    public bool DryRun { get; init; }

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
        string store = settings.DryRun ? Path.Combine(settings.Store, "dry_run") : settings.Store;
        string date = settings.Date ?? LatestBriefDate(store);
        var (markdownPath, htmlPath) = ResolveBrief(store, date);
        if (settings.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["date"] = date, ["markdown_path"] = markdownPath, ["html_path"] = htmlPath,
                ["markdown"] = File.ReadAllText(markdownPath),
            }, new JsonSerializerOptions { WriteIndented = true }));
        }
        else if (settings.Html) Console.Out.WriteLine(htmlPath);
        else BriefTerminalRenderer.Render(AnsiConsole.Console, File.ReadAllText(markdownPath));
        return ExitCodes.Ok;
    }

    /// <summary>The most recent date with a brief in the store.</summary>
    internal static string LatestBriefDate(string store)
    {
        string briefs = Path.Combine(Path.GetFullPath(store), "briefs");
        var latest = Directory.Exists(briefs)
            ? Directory.GetDirectories(briefs).Select(Path.GetFileName).Where(d => File.Exists(Path.Combine(briefs, d!, "brief.md"))).Max(StringComparer.Ordinal)
            : null;
        return latest ?? throw new UserFacingException($"no brief in store '{Path.GetFullPath(store)}'",
            "run 'alpha-research run' first (or 'show --dry-run' for a dry run's brief), or point --store at the folder the run wrote to");
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
