namespace AlphaResearch.MarketData;

/// <summary>The raw root's optional manifest.csv (local_path, source_repo, source_path, source_commit, licence, ...).</summary>
internal sealed class RawManifest
{
    public sealed record Row(string Repo, string Path, string Commit, string Licence);

    private readonly Dictionary<string, Row> _rows;
    private RawManifest(Dictionary<string, Row> rows) => _rows = rows;

    public Row? Find(string localPath) => _rows.GetValueOrDefault(localPath);

    public static RawManifest Load(string root)
    {
        var path = System.IO.Path.Combine(root, "manifest.csv");
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        if (!File.Exists(path)) return new RawManifest(rows);
        var all = QuotedCsv.Read(path, File.ReadAllText(path)).ToArray();
        if (all.Length == 0) return new RawManifest(rows);
        var h = all[0].Fields;
        int Col(string n) => Array.IndexOf(h, n) is var i and >= 0 ? i
            : throw new SnapshotFormatException(path, 1, null, $"missing column '{n}'", "Expected local_path,source_repo,source_path,source_commit,licence,...");
        int lp = Col("local_path"), repo = Col("source_repo"), sp = Col("source_path"), commit = Col("source_commit"), lic = Col("licence");
        foreach (var (f, _) in all.Skip(1))
        {
            if (f.Length > lic) rows[f[lp]] = new Row(f[repo], f[sp], f[commit], f[lic]);
        }
        return new RawManifest(rows);
    }
}
