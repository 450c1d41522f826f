using System.Globalization;
using AlphaResearch.Cli.Composition;
using AlphaResearch.Cli.Infrastructure;
using AlphaResearch.Scale.Dispatch;
using Spectre.Console;

namespace AlphaResearch.Cli.Commands;

/// <summary>`status --workers`: which worker holds which run, read from the queue (no store, no LLM).</summary>
internal static class WorkerStatus
{
    public static int Print(CliOutput io, StatusSettings settings)
    {
        if (settings.Date is not null || settings.Store is not null || settings.DryRun)
            throw new UserFacingException("--workers reads the queue, not a store", "drop --date/--store/--dry-run, or drop --workers");
        var queue = HostErrors.Translate(() => QueueOptions.FromEnvironment(Environment.GetEnvironmentVariable));
        var storage = HostErrors.Translate(() => HangfireQueue.Open(queue, HangfireQueue.DefaultLeaseTimeout));
        var status = QueueStatus.Read(storage);
        if (settings.Json)
        {
            io.Out.WriteLine(CliJson.Serialize(status));
            return ExitCodes.Ok;
        }
        var workers = new Table().AddColumn("worker").AddColumn("queues").AddColumn(new TableColumn("at once").RightAligned()).AddColumn("holds").AddColumn("heartbeat");
        foreach (var w in status.Workers)
        {
            var holds = status.Held.Where(h => h.Worker == w.Worker).Select(h => $"run {h.RunDate ?? "latest"} ({h.Provider}, job {h.JobId})").ToList();
            workers.AddRow(Markup.Escape(w.Worker), Markup.Escape(string.Join(",", w.Queues)), w.Concurrency.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(holds.Count == 0 ? "idle" : string.Join("; ", holds)), w.Heartbeat?.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "?");
        }
        io.Console.Write(workers);
        foreach (var orphan in status.Held.Where(h => status.Workers.All(w => w.Worker != h.Worker)))
            io.Console.MarkupLine(Markup.Escape($"run {orphan.RunDate ?? "latest"} (job {orphan.JobId}) was held by {orphan.Worker}, which is gone: it moves to another worker after the lease timeout"));
        io.Console.MarkupLine(Markup.Escape(status.Waiting.Count == 0 ? "no runs waiting"
            : "waiting: " + string.Join(", ", status.Waiting.Select(kv => $"{kv.Key} {kv.Value}"))));
        return ExitCodes.Ok;
    }
}
