using System.ComponentModel;
using System.Globalization;
using System.Text;
using AlphaResearch.Archive;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Config;
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

    [CommandOption("--store <PATH|S3URI>")]
    [Description("Store the run published to: a folder or s3://bucket/prefix. Default: ./.alpha-research")]
    public string? Store { get; init; }

    [CommandOption("--html")]
    [Description("Print where the self-contained HTML brief is (a file path, or its s3:// address) instead of the brief itself.")]
    public bool Html { get; init; }
}

/// <summary>A stored brief: its date, where its two files are, and the Markdown text.</summary>
public sealed record StoredBrief(string Date, string MarkdownLocation, string HtmlLocation, string Markdown);

/// <summary>
/// `alpha-research show --date D` — prints a published morning brief in the terminal (or where its HTML page is),
/// from any store `run` writes to (a folder or S3).
/// </summary>
public sealed class ShowCommand(CliOutput io) : AsyncCommand<ShowSettings>
{
    private readonly CliOutput _io = io;

    public override async Task<int> ExecuteAsync(CommandContext context, ShowSettings settings, CancellationToken cancellationToken)
    {
        var config = settings.LoadConfig();
        var root = CliParsing.OpenStore(settings.Store, config);
        var store = settings.DryRun ? DryRunObjectStore.Wrap(root) : root;
        string date = settings.Date ?? await LatestBriefDateAsync(store, cancellationToken);
        var brief = await ReadBriefAsync(store, date, cancellationToken);
        if (settings.Json)
        {
            _io.Out.WriteLine(CliJson.Serialize(new Dictionary<string, string>
            {
                ["date"] = brief.Date, ["markdown_path"] = brief.MarkdownLocation, ["html_path"] = brief.HtmlLocation, ["markdown"] = brief.Markdown,
            }));
        }
        else if (settings.Html) _io.Out.WriteLine(brief.HtmlLocation);
        else BriefTerminalRenderer.Render(_io.Console, brief.Markdown);
        return ExitCodes.Ok;
    }

    public static string MarkdownKey(string date) => $"briefs/{date}/brief.md";
    public static string HtmlKey(string date) => $"briefs/{date}/brief.html";

    /// <summary>The most recent date with a brief in the store.</summary>
    internal static async Task<string> LatestBriefDateAsync(IObjectStore store, CancellationToken ct)
    {
        var latest = (await store.ListAsync("briefs/", ct))
            .Select(k => k.Split('/'))
            .Where(p => p.Length == 3 && p[2] == "brief.md" && IsDate(p[1]))
            .Select(p => p[1])
            .Max(StringComparer.Ordinal);
        return latest ?? throw new UserFacingException($"no brief in store '{store.Location}'",
            "run 'alpha-research run' first (or 'show --dry-run' for a dry run's brief), or point --store at the store the run wrote to");
    }

    /// <summary>The stored brief for a date; a user-facing error when the date is malformed or nothing was published.</summary>
    internal static async Task<StoredBrief> ReadBriefAsync(IObjectStore store, string? date, CancellationToken ct)
    {
        if (date is null || !IsDate(date))
            throw new UserFacingException($"--date '{date}' is not a date in the form YYYY-MM-DD", "for example: alpha-research show --date 2025-01-10");
        var bytes = await store.GetAsync(MarkdownKey(date), ct);
        string md = LocationOf(store, MarkdownKey(date));
        if (bytes is null)
            throw new UserFacingException($"no brief for {date} in store '{store.Location}' (looked for {md})",
                "publish that date first, or point --store at the store the run wrote to");
        return new StoredBrief(date, md, LocationOf(store, HtmlKey(date)), Encoding.UTF8.GetString(bytes));
    }

    /// <summary>A key as the user can open it: a file path for a folder store, an s3:// address otherwise.</summary>
    private static string LocationOf(IObjectStore store, string key) =>
        store.Location.StartsWith("s3://", StringComparison.OrdinalIgnoreCase)
            ? $"{store.Location.TrimEnd('/')}/{key}"
            : Path.Combine(store.Location, key.Replace('/', Path.DirectorySeparatorChar));

    private static bool IsDate(string s) => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
