using System.Text;
using System.Text.Json;

namespace AlphaResearch.Llm;

/// <summary>
/// R7: every call's usage and cost, per agent and per run; each record is appended to a JSONL file (when a path
/// is given) as it happens, so a crash keeps what was spent. Thread-safe.
/// <para>
/// Bookkeeping never fails a paid call: when the file cannot be written (full disk, permissions) the record stays in
/// memory (and in the agent's archive envelope), a warning is kept, and <see cref="RetryUnwritten"/> tries again
/// before the commit. Records only ever get appended; nothing written is rewritten.
/// </para>
/// </summary>
public sealed class UsageLedger : IUsageLedger
{
    // JSONL is read line by line by other tools: no byte-order mark.
    private static readonly UTF8Encoding NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly object _gate = new();
    private readonly List<UsageRecord> _records = [];
    private readonly List<UsageRecord> _unwritten = [];
    private readonly List<string> _warnings = [];
    private readonly Dictionary<string, UsageTotals> _perAgent = new(StringComparer.Ordinal);
    private readonly string? _jsonlPath;
    private UsageTotals _total = UsageTotals.Zero;

    /// <param name="jsonlPath">Ledger file to append to; null keeps records in memory only.</param>
    public UsageLedger(string? jsonlPath = null)
    {
        _jsonlPath = jsonlPath;
    }

    public IReadOnlyList<UsageRecord> Records { get { lock (_gate) return _records.ToArray(); } }
    public UsageTotals Total { get { lock (_gate) return _total; } }
    public IReadOnlyList<string> Warnings { get { lock (_gate) return _warnings.ToArray(); } }

    public UsageTotals TotalFor(string agentId)
    {
        lock (_gate) return _perAgent.TryGetValue(agentId, out var t) ? t : UsageTotals.Zero;
    }

    public IReadOnlyDictionary<string, UsageTotals> PerAgent { get { lock (_gate) return new Dictionary<string, UsageTotals>(_perAgent); } }

    public event Action<UsageRecord>? Recorded;

    /// <summary>Adds the record (giving it a call id if it has none) and returns the run total including it. Never throws for the file.</summary>
    public UsageTotals Add(UsageRecord record)
    {
        if (record.CallId is null) record = record with { CallId = Guid.NewGuid().ToString("N") };
        UsageTotals total;
        lock (_gate)
        {
            _records.Add(record);
            _perAgent[record.AgentId] = (_perAgent.TryGetValue(record.AgentId, out var t) ? t : UsageTotals.Zero).Add(record);
            _total = _total.Add(record);
            total = _total;
            if (_jsonlPath is not null && (_unwritten.Count > 0 || !TryAppend([record])))
            {
                // Keep order: once one record is pending, later ones queue behind it.
                if (!_unwritten.Contains(record)) _unwritten.Add(record);
            }
        }
        LlmMetrics.RecordUsage(record);
        Recorded?.Invoke(record);
        return total;
    }

    public int RetryUnwritten()
    {
        lock (_gate)
        {
            if (_jsonlPath is null || _unwritten.Count == 0) return 0;
            if (TryAppend(_unwritten)) _unwritten.Clear();
            return _unwritten.Count;
        }
    }

    public IReadOnlyList<UsageRecord> CallsOfDate()
    {
        var calls = new List<UsageRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in ReadFile())
        {
            if (r.CallId is null || seen.Add(r.CallId)) calls.Add(r);
        }
        foreach (var r in Records)
        {
            if (seen.Add(r.CallId!)) calls.Add(r);
        }
        return calls;
    }

    /// <summary>The records in the ledger file (empty when there is none or it cannot be read); a torn last line is skipped.</summary>
    private IReadOnlyList<UsageRecord> ReadFile()
    {
        if (_jsonlPath is null) return [];
        string[] lines;
        try
        {
            if (!File.Exists(_jsonlPath)) return [];
            lines = File.ReadAllLines(_jsonlPath, Encoding.UTF8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            lock (_gate) _warnings.Add($"could not read the usage ledger {_jsonlPath}: {ex.Message} — research.db gets this process's and the archive's calls only");
            return [];
        }
        var records = new List<UsageRecord>(lines.Length);
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                if (JsonSerializer.Deserialize<UsageRecord>(line, LlmJson.Options) is { } r) records.Add(r);
            }
            catch (JsonException)
            {
                // A line torn by a kill mid-append: the call it described is also in its agent's envelope when that agent finished.
            }
        }
        return records;
    }

    private static bool EndsTorn(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length == 0) return false;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(-1, SeekOrigin.End);
        return stream.ReadByte() != '\n';
    }

    /// <summary>Caller holds the gate.</summary>
    private bool TryAppend(IReadOnlyList<UsageRecord> records)
    {
        var text = new StringBuilder();
        foreach (var r in records) text.Append(LlmJson.Serialize(r)).Append('\n');
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(_jsonlPath!)) is { } dir) Directory.CreateDirectory(dir);
            if (EndsTorn(_jsonlPath!)) text.Insert(0, '\n'); // a kill mid-append: never glue a good record onto a torn one
            File.AppendAllText(_jsonlPath!, text.ToString(), NoBom);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            string warning = $"could not append to the usage ledger {_jsonlPath}: {ex.Message} — the call is kept (in memory and in its agent's archive envelope) and is retried at commit; check the folder's permissions and free space";
            if (!_warnings.Contains(warning)) _warnings.Add(warning);
            return false;
        }
    }
}
