using System.Text;
using System.Text.Json.Nodes;
using AlphaResearch.Agents;
using AlphaResearch.Archive;
using AlphaResearch.Domain;
using AlphaResearch.Engine;
using AlphaResearch.Llm;
using AlphaResearch.Publishing;
using Microsoft.Extensions.Time.Testing;
using AlphaResearch.Scoring;
using static AlphaResearch.Tests.Publishing.PublishingFixtures;

namespace AlphaResearch.Tests.Publishing;

public sealed class PublisherTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly InMemoryObjectStore _store = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 10, 8, 0, 0, TimeSpan.Zero));
    public void Dispose() => _dir.Dispose();

    private string DbPath => _dir.File("research.db");

    private Publisher CreatePublisher(DateOnly date, IReadOnlyList<UsageRecord>? usage = null) => new(_store, DbPath, new PublishingConfig(), _time, new PublicationInputs
    {
        Usage = Ledger(usage ?? Usage(date)),
        Prompts = new Dictionary<string, IReadOnlyList<PromptRef>>
        {
            ["macro"] = [new PromptRef("macro_economist", "3", "aa11"), new PromptRef("macro_critic", "2", "bb22")],
            ["sector_team:technology"] = [new PromptRef("quant_analyst", "1", "cc33")],
            ["cio"] = [new PromptRef("cio", "4", "dd44")],
        },
    });

    private static UsageLedger Ledger(IEnumerable<UsageRecord> records)
    {
        var ledger = new UsageLedger();
        foreach (var r in records) ledger.Add(r);
        return ledger;
    }

    private async Task<IReadOnlyList<string>> PublishAsync(ResearchOutcome o, Publisher? publisher = null)
    {
        publisher ??= CreatePublisher(o.Context.RunDate);
        return await publisher.CommitAsync(o, publisher.Prepare(o), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Commit_WritesInPromotionOrder_SignalsThenLatestLast()
    {
        var keys = await PublishAsync(Outcome());
        Assert.Equal(
        [
            "briefs/2025-01-10/brief.md", "briefs/2025-01-10/brief.html",
            "decision_artifacts/2025-01-10/macro/artifact.json",
            "decision_artifacts/2025-01-10/sector_team-technology/artifact.json",
            "decision_artifacts/2025-01-10/sector_team-healthcare/artifact.json",
            "decision_artifacts/2025-01-10/sector_team-financials/artifact.json",
            "decision_artifacts/2025-01-10/sector_team-industrials/artifact.json",
            "decision_artifacts/2025-01-10/sector_team-consumer/artifact.json",
            "decision_artifacts/2025-01-10/sector_team-defensives/artifact.json",
            "decision_artifacts/2025-01-10/cio/artifact.json",
            "decision_artifacts/2025-01-10/usage.jsonl",
            "population/2025-01-10.json",
            "signals/2025-01-10/signals.json", "population/latest.json", "signals/latest.json",
        ], keys);
        Assert.Equal(keys, _store.PutLog);
        Assert.Equal(_store.Objects["signals/2025-01-10/signals.json"], _store.Objects["signals/latest.json"]);
        var runs = await new ResearchDatabase(DbPath).PublishedRunsAsync(TestContext.Current.CancellationToken);
        Assert.Equal("2025-01-10", Assert.Single(runs).RunDate);
    }

    [Fact]
    public async Task Commit_SignalsJson_IsTheValidatedPayloadIndentedByTwo()
    {
        var o = Outcome();
        var publisher = CreatePublisher(o.Context.RunDate);
        var prepared = publisher.Prepare(o);
        await publisher.CommitAsync(o, prepared, TestContext.Current.CancellationToken);
        string text = Encoding.UTF8.GetString(_store.Objects["signals/2025-01-10/signals.json"]);
        Assert.Equal(prepared.SignalsPayload.ToJsonString(JsonConventions.Indented) + "\n", text);
        Assert.StartsWith("{\n  \"date\": \"2025-01-10\",\n  \"run_date\": \"2025-01-10T07:30:00Z\",", text);
    }

    [Fact]
    public async Task Commit_FailureBeforeCommitPoint_LeavesPreviousRunUntouched_AndRerunPublishesOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var week1 = Outcome(Week1);
        await PublishAsync(week1);
        byte[] latestWeek1 = _store.Objects["signals/latest.json"];

        var db = new ResearchDatabase(DbPath);
        var week2 = Outcome(Week2, await db.LoadAsync(Week2, ct));
        _store.FailOn = k => k == "briefs/2025-01-17/brief.html";
        var ex = await Assert.ThrowsAsync<IOException>(() => PublishAsync(week2));
        Assert.Equal("simulated write failure for 'briefs/2025-01-17/brief.html'", ex.Message);
        Assert.Equal(latestWeek1, _store.Objects["signals/latest.json"]);
        Assert.False(_store.Objects.ContainsKey("signals/2025-01-17/signals.json"));
        Assert.Equal(["2025-01-10"], (await db.PublishedRunsAsync(ct)).Select(r => r.RunDate).ToArray());

        _store.FailOn = _ => false;
        await PublishAsync(week2);
        byte[] firstSignals = _store.Objects["signals/2025-01-17/signals.json"];
        await PublishAsync(week2); // a second re-run changes nothing
        Assert.Equal(firstSignals, _store.Objects["signals/2025-01-17/signals.json"]);
        Assert.Equal(_store.Objects["signals/2025-01-17/signals.json"], _store.Objects["signals/latest.json"]);
        Assert.Equal(4, await db.CountAsync("investment_thesis", "date", "2025-01-17", ct));
        Assert.Equal(5, await db.CountAsync("population", "run_date", "2025-01-17", ct));
        Assert.Equal(3, await db.CountAsync("llm_usage", "run_date", "2025-01-17", ct));
        Assert.Equal(["2025-01-10", "2025-01-17"], (await db.PublishedRunsAsync(ct)).Select(r => r.RunDate).ToArray());
    }

    [Fact]
    public async Task Republish_ByARunThatResumedEveryAgent_KeepsTheUsageRowsOfTheCallsThatWereMade()
    {
        var ct = TestContext.Current.CancellationToken;
        var o = Outcome();
        var db = new ResearchDatabase(DbPath);
        // First attempt: the LLM calls were made, the database transaction committed, then the brief write failed.
        _store.FailOn = k => k.StartsWith("briefs/", StringComparison.Ordinal);
        await Assert.ThrowsAsync<IOException>(() => PublishAsync(o));
        Assert.Equal(3, await db.CountAsync("llm_usage", "run_date", "2025-01-10", ct));

        // The re-run resumes every agent from the archive: its ledger is empty, and the calls it did not make stay recorded.
        _store.FailOn = _ => false;
        await PublishAsync(o, CreatePublisher(o.Context.RunDate, usage: []));
        Assert.Equal(3, await db.CountAsync("llm_usage", "run_date", "2025-01-10", ct));

        // A re-run that made the same calls again (same process, same ledger) does not duplicate them.
        await PublishAsync(o);
        Assert.Equal(3, await db.CountAsync("llm_usage", "run_date", "2025-01-10", ct));
    }

    [Fact]
    public async Task Commit_FailureWritingLatestAfterTheCommitPoint_StillMarksTheRunPublished()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = new ResearchDatabase(DbPath);
        await PublishAsync(Outcome(Week1));
        var week2 = Outcome(Week2, await db.LoadAsync(Week2, ct));

        // signals.json (the commit point) is written, then the latest.json write fails: the run IS published, so the
        // next run must read its population and theses, and the failure is still reported.
        _store.FailOn = k => k == "signals/latest.json";
        var ex = await Assert.ThrowsAsync<IOException>(() => PublishAsync(week2));
        Assert.Equal("simulated write failure for 'signals/latest.json'", ex.Message);
        Assert.True(_store.Objects.ContainsKey("signals/2025-01-17/signals.json"));
        Assert.Equal(["2025-01-10", "2025-01-17"], (await db.PublishedRunsAsync(ct)).Select(r => r.RunDate).ToArray());
        Assert.Equal(Week2, (await db.LoadAsync(Week2.AddDays(7), ct)).PreviousRunDate);

        // ...but the publication is not complete (latest.json left behind), so the engine lets a re-run finish it.
        var publisher = CreatePublisher(Week2);
        Assert.False(await publisher.IsPublishedAsync(Week2, ct));
        _store.FailOn = _ => false;
        await PublishAsync(week2, publisher);
        Assert.True(await publisher.IsPublishedAsync(Week2, ct));
        Assert.True(await publisher.IsPublishedAsync(Week1, ct)); // latest.json moved on, week 1 stays complete
        Assert.False(await publisher.IsPublishedAsync(Week2.AddDays(7), ct));
    }

    [Fact]
    public async Task Commit_FailureOnDatabase_WritesNothingToTheStore()
    {
        await File.WriteAllTextAsync(DbPath, new string('x', 200), TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<ResearchDatabaseException>(() => PublishAsync(Outcome()));
        Assert.Empty(_store.PutLog);
    }

    [Fact]
    public async Task Commit_RepublishingAnOlderDate_DoesNotMoveLatestBackwards()
    {
        await PublishAsync(Outcome(Week2));
        byte[] latest = _store.Objects["signals/latest.json"];
        var keys = await PublishAsync(Outcome(Week1));
        Assert.DoesNotContain("signals/latest.json", keys);
        Assert.Equal(latest, _store.Objects["signals/latest.json"]);
    }

    [Fact]
    public async Task TwoConsecutiveWeeks_SecondWeekReadsFirstWeeksPopulationAndTheses()
    {
        var ct = TestContext.Current.CancellationToken;
        await PublishAsync(Outcome(Week1, PriorState.Empty));
        var prior = await new ResearchDatabase(DbPath).LoadAsync(Week2, ct);
        Assert.Equal(Week1, prior.PreviousRunDate);
        Assert.Equal(["AAPL", "CAT", "JPM", "MSFT", "XOM"], prior.Population.Select(p => p.Ticker).ToArray());
        Assert.Equal(72, prior.Theses["JPM"].FinalScore);

        // Week 2: XOM has no fresh thesis and no carried prior thesis in week 1, so it carries from the population entry.
        var week2 = Outcome(Week2, prior);
        var p = CreatePublisher(Week2).Prepare(week2).SignalsPayload;
        Assert.Equal(55, p["signals"]!["XOM"]!["score"]!.GetValue<double>());
        Assert.Equal("JNJ bull case", prior.Theses["JNJ"].BullCase);
    }

    [Fact]
    public void Prepare_InvalidPayload_ThrowsContractException()
    {
        var o = Outcome();
        o = o with { Context = o.Context with { Snapshot = Snapshot(Week1, exclude: ["MSFT"]) } };
        var ex = Assert.Throws<SignalsContractException>(() => CreatePublisher(Week1).Prepare(o));
        Assert.Contains("signals.MSFT: ticker is not in the snapshot universe as of 2025-01-10", ex.Violations);
    }

    [Fact]
    public async Task Artifacts_CarryPromptsInputsOutputUsage_AndAreRedacted()
    {
        var usage = Usage(Week1).Append(new UsageRecord
        {
            RunDate = "2025-01-10", AgentId = "sector_team:technology/qual", Label = "qual sk-ant-api03-SECRETSECRET123", Model = "claude-haiku",
            InputTokens = 100, OutputTokens = 10, CostUsd = 0.05m,
        }).ToArray();
        await PublishAsync(Outcome(), CreatePublisher(Week1, usage));

        var tech = JsonNode.Parse(_store.Objects["decision_artifacts/2025-01-10/sector_team-technology/artifact.json"])!;
        Assert.Equal("sector_team:technology", tech["agent_id"]!.GetValue<string>());
        Assert.Equal("quant_analyst", tech["prompts"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("cc33", tech["prompts"]![0]!["sha256"]!.GetValue<string>());
        Assert.Equal(2, tech["usage"]!["calls"]!.GetValue<int>());
        Assert.Equal(0.30m, tech["usage"]!["cost_usd"]!.GetValue<decimal>());
        Assert.Equal(2, tech["inputs_summary"]!["quant_ranked_picks"]!.GetValue<int>());
        Assert.Equal("AAPL", tech["output"]!["recommendations"]![0]!["ticker"]!.GetValue<string>());

        var macro = JsonNode.Parse(_store.Objects["decision_artifacts/2025-01-10/macro/artifact.json"])!;
        Assert.Equal(2, macro["prompts"]!.AsArray().Count);
        Assert.Equal(0.5m, macro["usage"]!["cost_usd"]!.GetValue<decimal>());
        Assert.Equal("bull", macro["output"]!["market_regime"]!.GetValue<string>());

        string jsonl = Encoding.UTF8.GetString(_store.Objects["decision_artifacts/2025-01-10/usage.jsonl"]);
        Assert.Equal(4, jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("sk-ant-api03", jsonl);
        Assert.Contains("\"label\":\"qual [REDACTED]\"", jsonl);
    }

    [Fact]
    public async Task Brief_IsStoredAsMarkdownAndHtml()
    {
        var o = Outcome();
        var publisher = CreatePublisher(Week1);
        var prepared = publisher.Prepare(o);
        await publisher.CommitAsync(o, prepared, TestContext.Current.CancellationToken);
        Assert.Equal(prepared.BriefMarkdown, Encoding.UTF8.GetString(_store.Objects["briefs/2025-01-10/brief.md"]));
        Assert.Equal(prepared.BriefHtml, Encoding.UTF8.GetString(_store.Objects["briefs/2025-01-10/brief.html"]));
    }

    [Fact]
    public async Task Commit_PayloadAlteredAfterPrepare_IsRevalidatedAndNothingIsWritten()
    {
        var o = Outcome();
        var publisher = CreatePublisher(Week1);
        var prepared = publisher.Prepare(o);
        prepared.SignalsPayload["signals"]!["AAPL"]!["sector"] = "Unknown";
        var ex = await Assert.ThrowsAsync<SignalsContractException>(() => publisher.CommitAsync(o, prepared, TestContext.Current.CancellationToken));
        Assert.Equal("signals.AAPL: unknown sector 'Unknown' (not one of the 11 GICS sectors)", ex.Violations[0]);
        Assert.Contains("universe[0] (AAPL): sector 'Information Technology' differs from signals.AAPL ('Unknown')", ex.Violations);
        Assert.Empty(_store.PutLog);
        Assert.False(File.Exists(DbPath));
    }
}
