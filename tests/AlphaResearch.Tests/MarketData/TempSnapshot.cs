using System.Globalization;
using System.Text;

namespace AlphaResearch.Tests.MarketData;

/// <summary>A throw-away snapshot folder for bad-input tests: valid by default, each test breaks one thing.</summary>
internal sealed class TempSnapshot : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("ar-snap-").FullName;

    public static string RawFixtures => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "marketdata", "raw");

    public TempSnapshot(bool withDefaults = true)
    {
        if (!withDefaults) return;
        Write("snapshot.json", """{ "name": "test", "created_at": "2025-01-01T00:00:00Z", "fundamentals_as_of": "2024-06-03", "sources": [] }""");
        Write("constituents.csv", "ticker,name,sector,sub_industry,index\nGOOD,Good Co,Technology,Software,SP500\n");
        Write("prices/GOOD.csv", Bars(80));
        Write("benchmarks/SPY.csv", Bars(80));
    }

    public string Path(string rel) => System.IO.Path.Combine(Root, rel);

    public void Write(string rel, string text)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path(rel))!);
        File.WriteAllText(Path(rel), text);
    }

    public void Delete(string rel) => File.Delete(Path(rel));

    public static DateOnly Day(int i) => new DateOnly(2024, 1, 1).AddDays(i);

    /// <summary>n valid daily bars (one per calendar day from 2024-01-02), optionally edited row by row.</summary>
    public static string Bars(int n, Func<int, string, string>? edit = null)
    {
        var sb = new StringBuilder("Date,Open,High,Low,Close,Volume\n");
        for (int i = 1; i <= n; i++)
        {
            double c = 100 + i;
            string row = string.Create(CultureInfo.InvariantCulture, $"{Day(i):yyyy-MM-dd},{c - 0.5},{c + 1},{c - 1},{c},{1000 + i}");
            sb.Append(edit is null ? row : edit(i, row)).Append('\n');
        }
        return sb.ToString();
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } // best effort: temp folder
    }
}
