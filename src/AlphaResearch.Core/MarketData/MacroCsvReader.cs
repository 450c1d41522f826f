using System.Text;

namespace AlphaResearch.MarketData;

/// <summary>
/// Reads a macro series: header <c>date,value</c> in any case (FRED's own <c>DATE,&lt;ID&gt;</c> and
/// <c>observation_date,&lt;ID&gt;</c> too), dates possibly with a time, float values. FRED's "." (no
/// observation) and empty values are skipped: they mark days without a print, not bad data.
/// </summary>
internal static class MacroCsvReader
{
    public static (DateOnly[] Dates, double[] Values, int[] Lines) Read(string file, string id, ReadOnlySpan<byte> text)
    {
        var lines = new LineCursor(text);
        if (!lines.Next(out var header, out int headerLine))
        {
            throw new SnapshotFormatException(file, 1, null, "file is empty", "Write a header 'date,value' and one row per observation");
        }
        var names = Encoding.UTF8.GetString(header).Split(',').Select(s => s.Trim()).ToArray();
        if (names.Length != 2
            || !(names[0].Equals("date", StringComparison.OrdinalIgnoreCase) || names[0].Equals("observation_date", StringComparison.OrdinalIgnoreCase))
            || !(names[1].Equals("value", StringComparison.OrdinalIgnoreCase) || names[1].Equals(id, StringComparison.OrdinalIgnoreCase)))
        {
            throw new SnapshotFormatException(file, headerLine, null, $"header is '{string.Join(',', names)}'",
                "Macro files need the header 'date,value'");
        }

        var dates = new List<DateOnly>(1024);
        var values = new List<double>(1024);
        var lineNos = new List<int>(1024);
        while (lines.Next(out var row, out int lineNo))
        {
            int comma = row.IndexOf((byte)',');
            if (comma < 0 || row[(comma + 1)..].Contains((byte)','))
            {
                throw new SnapshotFormatException(file, lineNo, null, $"expected 2 fields, found {row.Count((byte)',') + 1}",
                    "Every row needs a date and a value");
            }
            var date = PriceCsvReader.ParseDate(file, lineNo, 1, row[..comma]);
            var raw = row[(comma + 1)..].Trim((byte)' ');
            if (raw.IsEmpty || raw.SequenceEqual("."u8)) continue;
            double value = PriceCsvReader.ParseNumber(file, lineNo, 2, raw, names[1]);
            dates.Add(date);
            values.Add(value);
            lineNos.Add(lineNo);
        }
        return ([.. dates], [.. values], [.. lineNos]);
    }

    /// <summary>Null when usable, else the exclusion reason (same wording as price validation).</summary>
    public static string? Validate(DateOnly[] dates, double[] values, int[] lines)
    {
        for (int i = 0; i < dates.Length; i++)
        {
            if (i > 0 && dates[i] == dates[i - 1]) return $"duplicate date {dates[i]:yyyy-MM-dd} (line {lines[i]})";
            if (i > 0 && dates[i] < dates[i - 1]) return $"dates not ascending: {dates[i]:yyyy-MM-dd} after {dates[i - 1]:yyyy-MM-dd} (line {lines[i]})";
            if (!double.IsFinite(values[i])) return $"NaN or infinite value on {dates[i]:yyyy-MM-dd} (line {lines[i]})";
        }
        return dates.Length == 0 ? "no observations" : null;
    }
}
