using AlphaResearch.MarketData;
using BenchmarkDotNet.Attributes;

namespace AlphaResearch.Bench;

/// <summary>
/// Load + validate the full shared S&amp;P 500 + S&amp;P 400 data (issue #2 target: ≤ 1.0 s, ≤ 300 MB).
/// Setup imports prices/sp500 + prices/sp400 from ALPHA_RESEARCH_BENCH_DATA (default /work/shared/data)
/// into a temp snapshot with the real importer; the benchmark measures <see cref="SnapshotLoader.Load"/> only.
/// Run: dotnet run -c Release --project bench/AlphaResearch.Bench -- --filter '*SnapshotLoad*' --job short
/// </summary>
[MemoryDiagnoser]
public class SnapshotLoadBenchmark
{
    private string _snapshot = "";

    [GlobalSetup]
    public void Setup()
    {
        var raw = Environment.GetEnvironmentVariable("ALPHA_RESEARCH_BENCH_DATA") ?? "/work/shared/data";
        _snapshot = Path.Combine(Path.GetTempPath(), "alpha-research-bench-snapshot");
        var r = new SnapshotImporter(TimeProvider.System).Import(new SnapshotImportOptions
        {
            From = raw, Out = _snapshot, PriceSet = PriceSet.Sp500AndSp400,
        });
        Console.WriteLine($"// imported {r.Constituents} constituents, {r.Benchmarks} benchmarks into {_snapshot}");
    }

    [Benchmark]
    public int LoadAndValidateFullUniverse()
    {
        var s = new SnapshotLoader().Load(_snapshot);
        return s.Constituents.Count + s.Quality.Excluded.Count;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_snapshot, recursive: true);
}
