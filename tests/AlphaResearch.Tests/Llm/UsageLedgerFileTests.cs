using AlphaResearch.Llm;

namespace AlphaResearch.Tests.Llm;

/// <summary>The ledger file is bookkeeping: a write that fails keeps the record, warns, and is retried; nothing written is rewritten.</summary>
public sealed class UsageLedgerFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ar-ledger-" + Guid.NewGuid().ToString("N"));

    public UsageLedgerFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static UsageRecord Call(string agent, int tokens) => new()
    {
        RunDate = "2025-01-10", AgentId = agent, Label = agent + ".call", Model = "m", InputTokens = tokens, OutputTokens = 1, CostUsd = 0.01m,
        At = new DateTimeOffset(2025, 1, 10, 7, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public void A_failed_append_keeps_the_record_warns_and_is_written_by_the_retry_in_order()
    {
        string blocker = Path.Combine(_dir, "ledger"); // a file where the ledger folder should be: fails even for root
        File.WriteAllText(blocker, "x");
        string path = Path.Combine(blocker, "usage-2025-01-10.jsonl");
        var ledger = new UsageLedger(path);

        var total = ledger.Add(Call("macro", 10));
        ledger.Add(Call("cio", 20));

        Assert.Equal(2, total.Calls + 1);
        Assert.Equal(2, ledger.Records.Count);
        Assert.All(ledger.Records, r => Assert.False(string.IsNullOrEmpty(r.CallId)));
        var warning = Assert.Single(ledger.Warnings);
        Assert.StartsWith($"could not append to the usage ledger {path}: ", warning);
        Assert.Equal(2, ledger.RetryUnwritten()); // still blocked

        File.Delete(blocker);
        Assert.Equal(0, ledger.RetryUnwritten());
        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"macro\"", lines[0]);
        Assert.Contains("\"cio\"", lines[1]);
        Assert.Equal(ledger.Records.Select(r => r.CallId), new UsageLedger(path).CallsOfDate().Select(r => r.CallId));
    }

    [Fact]
    public void Calls_of_the_date_merge_the_file_of_earlier_attempts_with_this_process_once_each()
    {
        string path = Path.Combine(_dir, "usage-2025-01-10.jsonl");
        var earlier = new UsageLedger(path);
        earlier.Add(Call("macro", 10));
        File.AppendAllText(path, "{\"call_id\":\"torn"); // a kill mid-append

        var now = new UsageLedger(path);
        now.Add(Call("cio", 20));
        now.Add(earlier.Records[0]); // the same call seen again (same id) is not a second call

        var calls = now.CallsOfDate();
        Assert.Equal(["macro", "cio"], calls.Select(c => c.AgentId));
        Assert.Equal(["macro", "cio"], new UsageLedger(path).CallsOfDate().Select(c => c.AgentId)); // the record after the torn line survived
    }
}
