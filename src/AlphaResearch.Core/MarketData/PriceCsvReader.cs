using System.Globalization;
using System.Text;

namespace AlphaResearch.MarketData;

/// <summary>Unvalidated daily bars as read from one file, with each row's line number for messages.</summary>
internal sealed class RawPrices(string file, DateOnly[] dates, double[] open, double[] high, double[] low, double[] close, double[] volume, int[] lines)
{
    public string File { get; } = file;
    public DateOnly[] Dates { get; } = dates;
    public double[] Open { get; } = open;
    public double[] High { get; } = high;
    public double[] Low { get; } = low;
    public double[] Close { get; } = close;
    public double[] Volume { get; } = volume;
    public int[] Lines { get; } = lines;
    public int Count => Dates.Length;
}

/// <summary>
/// Span-based reader for daily OHLCV files in every layout the snapshot accepts: the snapshot's own
/// <c>Date,Open,High,Low,Close,Volume</c>, any column order or case (VIX's <c>DATE,OPEN,HIGH,LOW,CLOSE</c>
/// without volume), yfinance's 3-row MultiIndex header (<c>Price,...</c> / <c>Ticker,...</c> / <c>Date,,,</c>),
/// dates with a time and UTC offset (first 10 characters are the date) and float volumes.
/// Works on UTF-8 bytes so a data row allocates nothing.
/// </summary>
internal static class PriceCsvReader
{
    private const int DateCol = 0, OpenCol = 1, HighCol = 2, LowCol = 3, CloseCol = 4, VolumeCol = 5, IgnoredCol = -1;
    private const string Expected = "expected a header like Date,Open,High,Low,Close,Volume (Volume optional)";

    // yfinance extras that carry no bar data we use.
    private static readonly HashSet<string> Ignorable = new(StringComparer.OrdinalIgnoreCase)
        { "Adj Close", "Dividends", "Stock Splits", "Capital Gains" };

    public static RawPrices Read(string file, ReadOnlySpan<byte> text)
    {
        var lines = new LineCursor(text);
        if (!lines.Next(out var header, out int headerLine))
        {
            throw new SnapshotFormatException(file, 1, null, "file is empty", Expected.Replace("expected", "Write"));
        }

        var fields = SplitHeader(header);
        if (fields[0].Equals("Price", StringComparison.OrdinalIgnoreCase))
        {
            // yfinance MultiIndex header: names on line 1, tickers on line 2, the index name on line 3.
            ExpectHeaderRow(file, ref lines, "Ticker");
            ExpectHeaderRow(file, ref lines, "Date");
        }
        else if (!fields[0].Equals("Date", StringComparison.OrdinalIgnoreCase))
        {
            throw new SnapshotFormatException(file, headerLine, 1, $"first column is '{fields[0]}'", Expected);
        }

        int[] map = MapColumns(file, headerLine, fields);
        int fieldCount = fields.Length;
        bool hasVolume = map.Contains(VolumeCol);

        int capacity = text.Count((byte)'\n') + 1;
        var dates = new DateOnly[capacity];
        var open = new double[capacity];
        var high = new double[capacity];
        var low = new double[capacity];
        var close = new double[capacity];
        var volume = new double[capacity];
        var lineNos = new int[capacity];
        int n = 0;

        while (lines.Next(out var row, out int lineNo))
        {
            int col = 0;
            var rest = row;
            while (true)
            {
                int comma = rest.IndexOf((byte)',');
                var field = comma < 0 ? rest : rest[..comma];
                if (col >= fieldCount) throw FieldCount(file, lineNo, fieldCount, row);
                switch (map[col])
                {
                    case DateCol: dates[n] = ParseDate(file, lineNo, col + 1, field); break;
                    case OpenCol: open[n] = ParseNumber(file, lineNo, col + 1, field, fields[col]); break;
                    case HighCol: high[n] = ParseNumber(file, lineNo, col + 1, field, fields[col]); break;
                    case LowCol: low[n] = ParseNumber(file, lineNo, col + 1, field, fields[col]); break;
                    case CloseCol: close[n] = ParseNumber(file, lineNo, col + 1, field, fields[col]); break;
                    case VolumeCol: volume[n] = ParseNumber(file, lineNo, col + 1, field, fields[col]); break;
                }
                col++;
                if (comma < 0) break;
                rest = rest[(comma + 1)..];
            }
            if (col != fieldCount) throw FieldCount(file, lineNo, fieldCount, row);
            if (!hasVolume) volume[n] = 0;
            lineNos[n] = lineNo;
            n++;
        }

        return n == capacity
            ? new RawPrices(file, dates, open, high, low, close, volume, lineNos)
            : new RawPrices(file, dates[..n], open[..n], high[..n], low[..n], close[..n], volume[..n], lineNos[..n]);
    }

    private static string[] SplitHeader(ReadOnlySpan<byte> line) =>
        Encoding.UTF8.GetString(line).TrimStart('\uFEFF').Split(',').Select(f => f.Trim()).ToArray();

    private static void ExpectHeaderRow(string file, ref LineCursor lines, string first)
    {
        if (!lines.Next(out var row, out int lineNo))
        {
            throw new SnapshotFormatException(file, lines.LastLine + 1, 1, $"yfinance header ends early (no '{first},...' row)",
                "A file whose first line starts with 'Price' must have a 'Ticker,...' and a 'Date,...' row next");
        }
        var got = SplitHeader(row)[0];
        if (!got.Equals(first, StringComparison.OrdinalIgnoreCase))
        {
            throw new SnapshotFormatException(file, lineNo, 1, $"expected '{first}' (yfinance 3-row header), found '{got}'",
                "Re-save the file with one header line Date,Open,High,Low,Close,Volume or keep yfinance's Price/Ticker/Date rows intact");
        }
    }

    private static int[] MapColumns(string file, int line, string[] names)
    {
        var map = new int[names.Length];
        map[0] = DateCol;
        var seen = new HashSet<int>();
        for (int i = 1; i < names.Length; i++)
        {
            int kind = names[i].ToLowerInvariant() switch
            {
                "open" => OpenCol, "high" => HighCol, "low" => LowCol, "close" => CloseCol, "volume" => VolumeCol,
                var s when Ignorable.Contains(s) => IgnoredCol,
                _ => throw new SnapshotFormatException(file, line, i + 1, $"unknown column '{names[i]}'", Expected),
            };
            if (kind != IgnoredCol && !seen.Add(kind))
            {
                throw new SnapshotFormatException(file, line, i + 1, $"column '{names[i]}' appears twice", Expected);
            }
            map[i] = kind;
        }
        foreach (var (kind, name) in new[] { (OpenCol, "Open"), (HighCol, "High"), (LowCol, "Low"), (CloseCol, "Close") })
        {
            if (!seen.Contains(kind)) throw new SnapshotFormatException(file, line, null, $"missing column '{name}'", Expected);
        }
        return map;
    }

    private static SnapshotFormatException FieldCount(string file, int line, int expected, ReadOnlySpan<byte> row) =>
        new(file, line, null, $"expected {expected} fields, found {row.Count((byte)',') + 1}",
            "Every data row needs one value per header column; fix or delete the row");

    /// <summary>YYYY-MM-DD, optionally followed by a time and offset ("2023-07-10 00:00:00-04:00").</summary>
    internal static DateOnly ParseDate(string file, int line, int column, ReadOnlySpan<byte> f)
    {
        if (f.Length >= 10 && f[4] == '-' && f[7] == '-' && (f.Length == 10 || f[10] == ' ' || f[10] == 'T')
            && TryDigits(f[..4], out int y) && TryDigits(f.Slice(5, 2), out int m) && TryDigits(f.Slice(8, 2), out int d)
            && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(Math.Max(y, 1), m) && y >= 1)
        {
            return new DateOnly(y, m, d);
        }
        throw new SnapshotFormatException(file, line, column, $"cannot read date '{Encoding.UTF8.GetString(f)}'",
            "Dates must start with YYYY-MM-DD");
    }

    /// <summary>Empty, "nan" and "NaN" read as NaN (validation then excludes the symbol); anything else unparseable throws.</summary>
    internal static double ParseNumber(string file, int line, int column, ReadOnlySpan<byte> f, string columnName)
    {
        if (f.IsEmpty) return double.NaN;
        if (double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) return v;
        throw new SnapshotFormatException(file, line, column, $"cannot read number '{Encoding.UTF8.GetString(f)}' in column {columnName}",
            "Use plain decimal numbers with '.' as the decimal point (leave the field empty for a missing value)");
    }

    private static bool TryDigits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (byte b in s)
        {
            if (b is < (byte)'0' or > (byte)'9') return false;
            value = value * 10 + (b - '0');
        }
        return true;
    }
}

/// <summary>Walks the lines of a UTF-8 buffer (LF or CRLF), skipping blank lines and a leading BOM.</summary>
internal ref struct LineCursor(ReadOnlySpan<byte> text)
{
    private ReadOnlySpan<byte> _rest = text.StartsWith("\uFEFF"u8) ? text[3..] : text;
    private int _line;

    public readonly int LastLine => _line;

    public bool Next(out ReadOnlySpan<byte> line, out int lineNo)
    {
        while (!_rest.IsEmpty)
        {
            int nl = _rest.IndexOf((byte)'\n');
            var l = nl < 0 ? _rest : _rest[..nl];
            _rest = nl < 0 ? default : _rest[(nl + 1)..];
            _line++;
            if (!l.IsEmpty && l[^1] == '\r') l = l[..^1];
            if (l.IsEmpty) continue;
            line = l;
            lineNo = _line;
            return true;
        }
        line = default;
        lineNo = _line;
        return false;
    }
}
