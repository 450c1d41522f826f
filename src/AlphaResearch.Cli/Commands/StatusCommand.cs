using System.ComponentModel;
using System.Globalization;
using AlphaResearch.Archive;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Config;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Rendering;

namespace AlphaResearch.Cli.Commands;

public sealed class StatusSettings : GlobalSettings
{
    [CommandOption("--date <DATE>")]
    [Description("Run date to inspect (yyyy-MM-dd). Default: the latest date anything was persisted for.")]
    public string? Date { get; init; }

    [CommandOption("--store <PATH|S3URI>")]
    [Description("Store: a folder or s3://bucket/prefix. Default: ./.alpha-research")]
    public string? Store { get; init; }

    [CommandOption("--dry-run")]
    [Description("Inspect the dry_run/ namespace (stub and simulator runs) instead of the real one.")]
    public bool DryRun { get; init; }

    [CommandOption("--workers")]
    [Description("Show the queue instead (ALPHA_RESEARCH_QUEUE): live workers, the run each holds, runs waiting per queue.")]
    public bool Workers { get; init; }
}

/// <summary>One agent's persisted output as `status` reports it.</summary>
public sealed record AgentStatus(string AgentId, string Key, ArchiveVerdict Verdict, string? Detail, string? Provider, DateTimeOffset? CreatedAt);

/// <summary>What is persisted for a run date (printed by `status --json`).</summary>
public sealed record RunDateStatus(string RunDate, string Store, bool DryRun, IReadOnlyList<AgentStatus> Agents, bool Published, RunLockInfo? Lock);

/// <summary>`alpha-research status --date D` — what is persisted for a run date, without running anything.</summary>
public sealed class StatusCommand(CliOutput io) : AsyncCommand<StatusSettings>
{
    private readonly CliOutput _io = io;

    public override async Task<int> ExecuteAsync(CommandContext context, StatusSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Workers) return WorkerStatus.Print(_io, settings);
        var config = settings.LoadConfig();
        var root = CliParsing.OpenStore(settings.Store, config);
        var store = settings.DryRun ? DryRunObjectStore.Wrap(root) : root;
        var date = settings.Date is null ? await LatestRunDateAsync(store, settings.DryRun, cancellationToken) : CliParsing.Date(settings.Date, "--date");
        var status = await InspectAsync(store, date, settings.DryRun, cancellationToken);

        if (settings.Json)
        {
            _io.Out.WriteLine(CliJson.Serialize(status));
            return ExitCodes.Ok;
        }
        _io.Console.Write(Render(status));
        _io.Console.MarkupLine(status.Published ? "published: [green]yes[/]" : "published: no");
        _io.Console.MarkupLine(status.Lock is { } l
            ? Markup.Escape($"lock: held by {l.Owner} pid {l.Pid} on {l.Host}, last heartbeat {l.HeartbeatAt:u}")
            : "lock: none");
        if (!settings.DryRun && status.Agents.All(a => a.Verdict == ArchiveVerdict.Absent)
            && (await DryRunObjectStore.Wrap(root).ListAsync($"archive/agent_runs/{status.RunDate}/", cancellationToken)).Count > 0)
        {
            _io.Console.MarkupLine("[grey]hint: a dry run exists for this date — add --dry-run to inspect it[/]");
        }
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The status table (fits 80 columns: fixed-width columns never wrap, "persisted" wraps between words) and, below
    /// it, each agent's detail as its own line, wrapping between words at any width.
    /// </summary>
    internal static IRenderable Render(RunDateStatus status)
    {
        var table = new Table().Title($"{status.RunDate} in {Markup.Escape(status.Store)}")
            .AddColumn(new TableColumn("agent").NoWrap()).AddColumn("persisted").AddColumn(new TableColumn("provider").NoWrap())
            .AddColumn(new TableColumn("created at (UTC)").NoWrap());
        var details = new List<IRenderable>();
        foreach (var a in status.Agents)
        {
            string state = a.Verdict switch
            {
                ArchiveVerdict.Valid => "[green]valid[/]",
                ArchiveVerdict.Absent => "[grey]absent[/]",
                _ => $"[red]invalid: {Markup.Escape(JsonConventions.Serialize(a.Verdict).Trim('"'))}[/]",
            };
            table.AddRow(Markup.Escape(a.AgentId), state, Markup.Escape(a.Provider ?? ""),
                a.CreatedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "");
            if (a.Detail is { Length: > 0 } d) details.Add(new Markup($"[grey]{Markup.Escape(a.AgentId)}:[/] {Markup.Escape(d)}"));
        }
        return details.Count == 0 ? table : new Rows([table, .. details]);
    }

    /// <summary>The most recent run date anything was persisted for (default of --date).</summary>
    internal static async Task<DateOnly> LatestRunDateAsync(IObjectStore store, bool dryRun, CancellationToken ct)
    {
        DateOnly? latest = null;
        foreach (var prefix in new[] { "archive/agent_runs/", "archive/sector_team_runs/" })
        {
            foreach (var key in await store.ListAsync(prefix, ct))
            {
                var segment = key[prefix.Length..].Split('/')[0];
                if (DateOnly.TryParseExact(segment, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && (latest is null || d > latest))
                    latest = d;
            }
        }
        return latest ?? throw new UserFacingException($"nothing is persisted in {store.Location}",
            dryRun ? "run 'alpha-research run --dry-run' first" : "run 'alpha-research run' first, or add --dry-run to inspect dry runs");
    }

    internal static async Task<RunDateStatus> InspectAsync(IObjectStore store, DateOnly date, bool dryRun, CancellationToken ct)
    {
        var archive = new AgentRunArchive(store, dryRun, NullLogger.Instance);
        var agents = new List<AgentStatus>();
        var macro = await archive.InspectMacroAsync(date, ct);
        agents.Add(new AgentStatus(RunEngine.MacroAgent, macro.Key, macro.Verdict, macro.Detail, macro.Provenance?.Provider, macro.Provenance?.CreatedAt));
        foreach (var team in Teams.All)
        {
            var t = await archive.InspectTeamAsync(date, team, ct);
            agents.Add(new AgentStatus(RunEngine.TeamAgent(team), t.Key, t.Verdict, t.Detail, t.Provenance?.Provider, t.Provenance?.CreatedAt));
        }
        var cio = await archive.InspectCioAsync(date, ct);
        agents.Add(new AgentStatus(RunEngine.CioAgent, cio.Key, cio.Verdict, cio.Detail, cio.Provenance?.Provider, cio.Provenance?.CreatedAt));
        bool published = await store.ExistsAsync(RunEngine.SignalsKey(date), ct);
        var runLock = await RunLock.ReadCurrentAsync(store, date, ct);
        return new RunDateStatus(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), store.Location, dryRun, agents, published, runLock);
    }
}
