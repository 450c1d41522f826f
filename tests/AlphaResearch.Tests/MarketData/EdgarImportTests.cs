using AlphaResearch.MarketData;

namespace AlphaResearch.Tests.MarketData;

/// <summary>A fetched raw root's EDGAR parts go through the importer cut to the window: nothing filed after its end.</summary>
public sealed class EdgarImportTests : IDisposable
{
    private readonly string _raw = Directory.CreateTempSubdirectory("ar-raw-").FullName;
    private readonly string _out = Directory.CreateTempSubdirectory("ar-imp-").FullName;

    public void Dispose()
    {
        Directory.Delete(_raw, recursive: true);
        Directory.Delete(_out, recursive: true);
    }

    [Fact]
    public void Import_copies_company_facts_and_insider_rows_filed_by_the_window_end()
    {
        foreach (var f in Directory.EnumerateFiles(TempSnapshot.RawFixtures, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(_raw, Path.GetRelativePath(TempSnapshot.RawFixtures, f));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(f, dest);
        }
        var facts = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(SampleSnapshot.Locate(), "edgar", "companyfacts", "AAPL.json")))!;
        facts["facts"]!["us-gaap"]!["Revenues"] = System.Text.Json.Nodes.JsonNode.Parse(
            """{"label":"r","units":{"USD":[{"start":"2024-09-29","end":"2024-12-28","val":124300000000,"accn":"x","fy":2025,"fp":"Q1","form":"10-Q","filed":"2025-01-31"}]}}""");
        facts["facts"]!["us-gaap"]!["AccountsPayableCurrent"] = System.Text.Json.Nodes.JsonNode.Parse("""{"label":"ap","units":{"USD":[]}}""");
        Directory.CreateDirectory(Path.Combine(_raw, "edgar", "companyfacts"));
        File.WriteAllText(Path.Combine(_raw, "edgar", "companyfacts", "AAPL.json"), facts.ToJsonString());
        Directory.CreateDirectory(Path.Combine(_raw, "edgar", "insider"));
        File.WriteAllText(Path.Combine(_raw, "edgar", "insider", "AAPL.json"), """
            [{"filed":"2024-12-18","form":"4","accession":"a","owner":"X","relationship":"director","transaction_date":"2024-12-16","code":"S","shares":10,"price":250,"acquired_disposed":"D","shares_after":null},
             {"filed":"2025-01-15","form":"4","accession":"b","owner":"Y","relationship":"director","transaction_date":"2025-01-13","code":"P","shares":10,"price":230,"acquired_disposed":"A","shares_after":null}]
            """);

        new SnapshotImporter(TimeProvider.System).Import(new SnapshotImportOptions { From = _raw, Out = _out, FundamentalsAsOf = new DateOnly(2024, 7, 1) });
        var s = new SnapshotLoader().Load(_out);
        Assert.All(s.CompanyFacts["AAPL"].Facts, f => Assert.True(f.Filed <= new DateOnly(2025, 1, 10)));
        Assert.DoesNotContain(s.CompanyFacts["AAPL"].Facts, f => f.Concept == "Revenues");
        Assert.DoesNotContain("AccountsPayableCurrent", File.ReadAllText(Path.Combine(_out, "edgar", "companyfacts", "AAPL.json")));
        Assert.Equal(["X"], s.Insider["AAPL"].Select(t => t.Owner));
        Assert.Contains(s.Manifest!.Sources, x => x.Path == "edgar/companyfacts/*.json");
    }
}
