using System.ComponentModel;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Domain;
using AlphaResearch.MarketData;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AlphaResearch.Cli.Commands;

public sealed class SnapshotFetchSettings : GlobalSettings
{
    [CommandOption("--edgar")]
    [Description("Fetch from SEC EDGAR: submissions index, XBRL company facts and Forms 3/4/5 per ticker (the only source so far; required).")]
    public bool Edgar { get; init; }

    [CommandOption("--tickers <LIST>")]
    [Description("Comma-separated tickers, e.g. AAPL,MSFT,KO.")]
    public string? Tickers { get; init; }

    [CommandOption("--all")]
    [Description("Every constituent of --snapshot (default: the embedded sample).")]
    public bool All { get; init; }

    [CommandOption("--snapshot <DIR>")]
    [Description("Snapshot whose constituents --all fetches.")]
    public string? Snapshot { get; init; }

    [CommandOption("--user-agent <UA>")]
    [Description("Your name and contact e-mail, e.g. \"Jane Doe jane@example.com\": SEC fair access requires a declared User-Agent.")]
    public string? UserAgent { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Raw data root to write (text/edgar_submissions, edgar/companyfacts, edgar/insider, .edgar-cache); then run snapshot import --from it.")]
    public string? Out { get; init; }

    [CommandOption("--base-url <URL>")]
    [Description("One base URL for every endpoint (a mirror or a test server); default www.sec.gov and data.sec.gov.")]
    public string? BaseUrl { get; init; }

    [CommandOption("--insider-days <N>")]
    [Description("Fetch the Forms 3/4/5 filed in the last N days (one request each; default 365).")]
    [DefaultValue(365)]
    public int InsiderDays { get; init; } = 365;

    [CommandOption("--refresh")]
    [Description("Ask again for the indexes and company facts even when cached (filing documents never change).")]
    public bool Refresh { get; init; }
}

/// <summary>
/// `alpha-research snapshot fetch --edgar` — downloads EDGAR evidence within SEC's fair-access rules into a raw data
/// root (docs/SNAPSHOT.md). Progress per ticker on stderr; an interrupted fetch resumes from its cache.
/// </summary>
public sealed class SnapshotFetchCommand(CliOutput io) : AsyncCommand<SnapshotFetchSettings>
{
    private readonly CliOutput _io = io;

    public override async Task<int> ExecuteAsync(CommandContext context, SnapshotFetchSettings s, CancellationToken cancellationToken)
    {
        const string usage = "alpha-research snapshot fetch --edgar --tickers AAPL,MSFT --user-agent \"Your Name you@example.com\" --out raw";
        if (!s.Edgar) throw new UserFacingException("--edgar is required (SEC EDGAR is the only source snapshot fetch knows)", usage);
        if (EdgarFetchOptions.CheckUserAgent(s.UserAgent) is { } why)
            throw new UserFacingException($"--user-agent: {why}; SEC fair access requires a declared User-Agent with your name and a contact e-mail", usage);
        if (s.Out is null) throw new UserFacingException("--out is required", usage);
        if ((s.Tickers is null) == !s.All) throw new UserFacingException("pass either --tickers A,B,... or --all", usage);
        if (s.InsiderDays is < 0 or > 3650) throw new UserFacingException($"--insider-days must be between 0 and 3650 (got {s.InsiderDays})", usage);
        Uri? baseUrl = null;
        if (s.BaseUrl is not null && (!Uri.TryCreate(s.BaseUrl.EndsWith('/') ? s.BaseUrl : s.BaseUrl + "/", UriKind.Absolute, out baseUrl) || baseUrl.Scheme is not ("http" or "https")))
            throw new UserFacingException($"--base-url '{s.BaseUrl}' is not an absolute http(s) URL", "e.g. --base-url http://127.0.0.1:8080/");

        var tickers = s.All
            ? SnapshotOpener.Open(s.Snapshot, 0).ListedConstituents.Select(c => c.Ticker).ToArray()
            : s.Tickers!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(MarketSnapshot.NormalizeTicker).Distinct().ToArray();
        if (tickers.Length == 0) throw new UserFacingException("--tickers is empty", usage);

        var options = new EdgarFetchOptions
        {
            Tickers = tickers, UserAgent = s.UserAgent!, Out = s.Out, BaseUrl = baseUrl, InsiderDays = s.InsiderDays, Refresh = s.Refresh,
        };
        var progress = new Progress(_io.Err);
        EdgarFetchResult result;
        try { result = await new EdgarFetcher(TimeProvider.System).FetchAsync(options, progress, cancellationToken); }
        catch (EdgarFetchException e) { throw new UserFacingException(e.Message, "the fetch resumes from its cache when run again", ExitCodes.Failed); }

        if (s.Json)
        {
            _io.Out.WriteLine(JsonConventions.Serialize(result, indented: true));
            return ExitCodes.Ok;
        }
        _io.Console.MarkupLineInterpolated($"[green]Fetched[/] {result.Tickers} ticker(s) into {result.Out}: {result.Requests} request(s), {result.CacheHits} from cache, {result.Retries} retried");
        if (result.Skipped.Count > 0) _io.Console.MarkupLineInterpolated($"[yellow]skipped[/] (not in SEC's ticker map): {string.Join(' ', result.Skipped)}");
        _io.Console.MarkupLine("Build a snapshot with [bold]alpha-research snapshot import --from[/] " + Markup.Escape(result.Out) + " (with prices, constituents and macro in the same root)");
        return ExitCodes.Ok;
    }

    /// <summary>One line per ticker on stderr (progress is not output: stdout stays clean for --json).</summary>
    private sealed class Progress(TextWriter err) : IProgress<EdgarFetchProgress>
    {
        public void Report(EdgarFetchProgress p) => err.WriteLine($"[{p.Index}/{p.Count}] {p.Ticker}: {p.Status}");
    }
}
