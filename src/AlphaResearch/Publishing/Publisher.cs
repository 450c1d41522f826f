using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AlphaResearch.Archive;
using AlphaResearch.Domain;

namespace AlphaResearch.Publishing;

/// <summary>
/// Publication (reference §5.1–5.5). <see cref="Prepare"/> is pure: build and validate the payload, build the brief.
/// <see cref="CommitAsync"/> promotes in a fixed order — database transaction, brief, decision artifacts,
/// population/{date}.json, signals/{date}/signals.json (the COMMIT POINT), published_runs marker,
/// population/latest.json, signals/latest.json — so a failure before
/// the commit point leaves the previously published run untouched, and a re-run replaces rather than duplicates.
/// </summary>
internal sealed class Publisher : IPublisher
{
    private readonly IObjectStore _store;
    private readonly ResearchDatabase _database;
    private readonly PublishingConfig _config;
    private readonly TimeProvider _time;
    private readonly PublicationInputs _inputs;
    private readonly SignalsPayloadBuilder _payloadBuilder;
    private readonly SignalsContractValidator _validator = new();
    private readonly BriefMailer _mailer;

    public Publisher(IObjectStore store, string databasePath, PublishingConfig config, TimeProvider time,
        PublicationInputs? inputs = null, Func<string, string?>? getEnvironmentVariable = null)
    {
        _store = store;
        _database = new ResearchDatabase(databasePath);
        _config = config;
        _time = time;
        _inputs = inputs ?? PublicationInputs.Empty;
        _payloadBuilder = new SignalsPayloadBuilder(config);
        var env = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        // The configured credentials are masked by value in everything this run writes (artifacts, results, logs).
        Redactor.AddSecretsFrom(env, [config.Email.PasswordEnv]);
        _mailer = new BriefMailer(config.Email, env);
    }

    public static string SignalsKey(DateOnly date) => $"signals/{WireNames.Date(date)}/signals.json";
    public const string LatestKey = "signals/latest.json";
    public static string BriefKey(DateOnly date, string ext) => $"briefs/{WireNames.Date(date)}/brief.{ext}";

    /// <exception cref="SignalsContractException">The payload breaks the signals.json contract.</exception>
    public PreparedPublication Prepare(ResearchOutcome outcome)
    {
        var payload = _payloadBuilder.Build(outcome);
        _validator.Validate(payload, outcome.Context.Snapshot);
        string markdown = new BriefMarkdownBuilder(_config.Brief).Build(outcome);
        string html = BriefHtmlRenderer.Render(markdown, $"{_config.Brief.Title} — {WireNames.Date(outcome.Context.RunDate)}", BriefCharts.Render(outcome));
        return new PreparedPublication { SignalsPayload = payload, BriefMarkdown = markdown, BriefHtml = html };
    }

    public async Task<IReadOnlyList<string>> CommitAsync(ResearchOutcome outcome, PreparedPublication prepared, CancellationToken ct)
    {
        var date = outcome.Context.RunDate;
        // Validate again: the payload may have been built or altered outside Prepare, and nothing unvalidated is ever written.
        _validator.Validate(prepared.SignalsPayload, outcome.Context.Snapshot);
        byte[] signals = SerializeSignals(prepared.SignalsPayload);
        string sha = Convert.ToHexStringLower(SHA256.HashData(signals));
        var written = new List<string>();

        await _database.WriteRunAsync(outcome, prepared.SignalsPayload, CallsOfDate(outcome), ct);

        await Put(BriefKey(date, "md"), Encoding.UTF8.GetBytes(prepared.BriefMarkdown), written, ct);
        await Put(BriefKey(date, "html"), Encoding.UTF8.GetBytes(prepared.BriefHtml), written, ct);
        foreach (var artifact in DecisionArtifactBuilder.Build(outcome, _inputs))
            await Put(artifact.Key, artifact.Content, written, ct);
        byte[] population = PopulationDocument.Build(outcome, prepared.SignalsPayload);
        await Put(PopulationDocument.DatedKey(date), population, written, ct);

        await Put(SignalsKey(date), signals, written, ct); // COMMIT POINT: the run is published from here on.

        // Past the commit point both remaining steps are attempted even if one fails (the first failure is then
        // rethrown): a failed latest.json write must not leave the published run unmarked, or the next run would
        // read its prior state from the run before.
        Exception? failure = null;
        try
        {
            await _database.MarkPublishedAsync(date, _time.GetUtcNow(), sha, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            failure = ex;
        }
        try
        {
            // population/latest.json first: signals/latest.json completes the publication, so a failure between them
            // leaves it incomplete and a plain re-run finishes both.
            if (await LatestIsNotNewerThan(date, ct))
            {
                await Put(PopulationDocument.LatestKey, population, written, ct);
                await Put(LatestKey, signals, written, ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            failure ??= ex;
        }
        if (failure is not null) ExceptionDispatchInfo.Throw(failure);
        return written;
    }

    /// <summary>
    /// Every paid call of the date this process can see: the ledger (its file holds earlier attempts and processes on this
    /// machine) and the resumed agents' envelopes (calls paid anywhere), merged by call id so each is recorded once.
    /// </summary>
    private IReadOnlyList<Llm.UsageRecord> CallsOfDate(ResearchOutcome outcome)
    {
        string date = WireNames.Date(outcome.Context.RunDate);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var calls = new List<Llm.UsageRecord>();
        foreach (var r in (_inputs.Usage?.CallsOfDate() ?? []).Concat(outcome.PriorCalls))
        {
            if (r.RunDate != date || (_inputs.RealNamespace && r.Simulated)) continue;
            if (r.Replayed) continue; // answered from the call journal: the process that paid it recorded it
            if (r.CallId is null || seen.Add(r.CallId)) calls.Add(r);
        }
        return calls;
    }

    public async Task<bool> IsPublishedAsync(DateOnly runDate, CancellationToken ct)
    {
        if (!await _store.ExistsAsync(SignalsKey(runDate), ct)) return false;
        if (!await _database.IsPublishedAsync(runDate, ct)) return false;
        // latest.json never moves back, so a later published date also counts as "not left behind".
        return !await LatestIsOlderThan(runDate, ct);
    }

    private async Task<bool> LatestIsOlderThan(DateOnly date, CancellationToken ct)
    {
        var bytes = await _store.GetAsync(LatestKey, ct);
        if (bytes is null) return true;
        try
        {
            string? latestDate = JsonNode.Parse(bytes)?["date"]?.GetValue<string>();
            return latestDate is null || string.CompareOrdinal(latestDate, WireNames.Date(date)) < 0;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>E-mails the prepared brief when configured. Call after <see cref="CommitAsync"/>; a failure is returned, never thrown.</summary>
    public Task<EmailResult> SendBriefAsync(ResearchOutcome outcome, PreparedPublication prepared, CancellationToken ct) =>
        _mailer.SendAsync(WireNames.Date(outcome.Context.RunDate), prepared.BriefMarkdown, prepared.BriefHtml, ct);

    /// <summary>The exact bytes of signals.json and latest.json: the validated payload, indented by 2, UTF-8, trailing newline.</summary>
    public static byte[] SerializeSignals(JsonObject payload) =>
        Encoding.UTF8.GetBytes(payload.ToJsonString(JsonConventions.Indented) + "\n");

    /// <summary>Re-publishing an older date must not move latest.json backwards.</summary>
    private async Task<bool> LatestIsNotNewerThan(DateOnly date, CancellationToken ct)
    {
        var bytes = await _store.GetAsync(LatestKey, ct);
        if (bytes is null) return true;
        try
        {
            string? latestDate = JsonNode.Parse(bytes)?["date"]?.GetValue<string>();
            return latestDate is null || string.CompareOrdinal(latestDate, WireNames.Date(date)) <= 0;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return true; // an unreadable latest.json is replaced by this run's valid one
        }
    }

    private async Task Put(string key, byte[] content, List<string> written, CancellationToken ct)
    {
        await _store.PutAsync(key, content, ct);
        written.Add(key);
    }
}
