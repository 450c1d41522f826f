using System.Text;
using AlphaResearch.Domain;

namespace AlphaResearch.Llm;

/// <summary>
/// R7: every call's usage and cost, per agent and per run; each record is appended to a JSONL file (when a path
/// is given) as it happens, so a crash keeps what was spent. Thread-safe.
/// </summary>
public sealed class UsageLedger : IUsageLedger
{
    private readonly object _gate = new();
    private readonly List<UsageRecord> _records = [];
    private readonly Dictionary<string, UsageTotals> _perAgent = new(StringComparer.Ordinal);
    private readonly string? _jsonlPath;
    private UsageTotals _total = UsageTotals.Zero;

    /// <param name="jsonlPath">Ledger file to append to; null keeps records in memory only.</param>
    public UsageLedger(string? jsonlPath = null)
    {
        _jsonlPath = jsonlPath;
        if (jsonlPath is not null && Path.GetDirectoryName(Path.GetFullPath(jsonlPath)) is { } dir) Directory.CreateDirectory(dir);
    }

    public IReadOnlyList<UsageRecord> Records { get { lock (_gate) return _records.ToArray(); } }
    public UsageTotals Total { get { lock (_gate) return _total; } }

    public UsageTotals TotalFor(string agentId)
    {
        lock (_gate) return _perAgent.TryGetValue(agentId, out var t) ? t : UsageTotals.Zero;
    }

    public IReadOnlyDictionary<string, UsageTotals> PerAgent { get { lock (_gate) return new Dictionary<string, UsageTotals>(_perAgent); } }

    public event Action<UsageRecord>? Recorded;

    /// <summary>Adds the record and returns the run total including it.</summary>
    public UsageTotals Add(UsageRecord record)
    {
        UsageTotals total;
        lock (_gate)
        {
            _records.Add(record);
            _perAgent[record.AgentId] = (_perAgent.TryGetValue(record.AgentId, out var t) ? t : UsageTotals.Zero).Add(record);
            _total = _total.Add(record);
            total = _total;
            if (_jsonlPath is not null)
                File.AppendAllText(_jsonlPath, JsonConventions.Serialize(record) + "\n", Encoding.UTF8);
        }
        Recorded?.Invoke(record);
        return total;
    }
}
