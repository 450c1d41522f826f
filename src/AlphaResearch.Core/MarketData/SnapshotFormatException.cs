namespace AlphaResearch.MarketData;

/// <summary>
/// A snapshot file is missing or malformed. The message names the file, the 1-based line and column
/// (when known), what is wrong and what to do; <see cref="File"/>, <see cref="Line"/> and
/// <see cref="Column"/> carry the same facts for callers.
/// </summary>
public sealed class SnapshotFormatException : Exception
{
    public SnapshotFormatException(string file, int? line, int? column, string problem, string fix)
        : base(Format(file, line, column, problem, fix))
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
        Fix = fix;
    }

    public string File { get; }
    public int? Line { get; }
    public int? Column { get; }
    public string Problem { get; }
    public string Fix { get; }

    private static string Format(string file, int? line, int? column, string problem, string fix)
    {
        string where = file + (line is { } l ? $", line {l}" : "") + (column is { } c ? $", column {c}" : "");
        return $"{where}: {problem}. {fix}";
    }
}
