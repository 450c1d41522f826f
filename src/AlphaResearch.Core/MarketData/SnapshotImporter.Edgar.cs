namespace AlphaResearch.MarketData;

/// <summary>
/// The EDGAR parts of an import: <c>edgar/companyfacts/&lt;T&gt;.json</c> (pruned to the concepts used, facts filed on
/// or before the window end) and <c>edgar/insider/&lt;T&gt;.json</c> (transactions filed in the look-back window), as
/// written by <c>snapshot fetch --edgar</c> into the raw root.
/// </summary>
public sealed partial class SnapshotImporter
{
    private static (int Facts, int Insider) ImportEdgar(string from, string outDir, HashSet<string> tickers, DateOnly start, DateOnly end,
        RawManifest provenance, List<SnapshotSource> sources)
    {
        var edgarOut = Path.Combine(outDir, "edgar");
        if (Directory.Exists(edgarOut)) Directory.Delete(edgarOut, recursive: true);
        int facts = Copy(SnapshotLayout.CompanyFactsDir, (path, bytes) => EdgarCompanyFactsPruner.Prune(path, bytes, filedTo: end),
            $"EDGAR XBRL company facts pruned to the concepts the snapshot derives from; facts filed on or before {end:yyyy-MM-dd}");
        int insider = Copy(SnapshotLayout.InsiderDir, (path, bytes) => System.Text.Encoding.UTF8.GetBytes(EdgarInsiderReader.Write(
                EdgarInsiderReader.Read(path, bytes).Where(t => t.Filed >= start && t.Filed <= end))),
            $"Forms 3/4/5 transactions filed {start:yyyy-MM-dd}..{end:yyyy-MM-dd}");
        return (facts, insider);

        int Copy(string dir, Func<string, byte[], byte[]> transform, string note)
        {
            var rawDir = Path.Combine(from, dir);
            if (!Directory.Exists(rawDir)) return 0;
            int n = 0;
            string? firstRel = null;
            foreach (var file in Directory.EnumerateFiles(rawDir, "*.json").Order(StringComparer.Ordinal))
            {
                var t = MarketSnapshot.NormalizeTicker(Path.GetFileNameWithoutExtension(file));
                if (!tickers.Contains(t)) continue;
                Directory.CreateDirectory(Path.Combine(outDir, dir));
                File.WriteAllBytes(Path.Combine(outDir, dir, t + ".json"), transform(file, File.ReadAllBytes(file)));
                firstRel ??= $"{dir}/{Path.GetFileName(file)}";
                n++;
            }
            if (firstRel is null) return 0;
            var row = provenance.Find(firstRel);
            sources.Add(new SnapshotSource
            {
                Path = $"{dir}/*.json", Files = n, ImportedFrom = dir + "/", SourceRepo = row?.Repo, SourcePath = row?.Path, SourceCommit = row?.Commit,
                Licence = row?.Licence ?? "SEC EDGAR (US government data, public domain) when fetched with 'snapshot fetch --edgar'; no manifest.csv row",
                Note = note,
            });
            return n;
        }
    }
}
