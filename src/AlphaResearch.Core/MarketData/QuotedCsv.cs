using System.Text;

namespace AlphaResearch.MarketData;

/// <summary>
/// Minimal RFC 4180 reader for the small quoted files (constituents, fundamentals, headlines): fields may be
/// quoted, contain commas, doubled quotes and line breaks. Yields each record with the line it starts on.
/// Price files use the span-based <see cref="PriceCsvReader"/> instead.
/// </summary>
internal static class QuotedCsv
{
    public static IEnumerable<(string[] Fields, int Line)> Read(string file, string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, recordLine = 1, i = 0;
        bool inQuotes = false, any = false;
        if (text.Length > 0 && text[0] == '\uFEFF') i = 1;
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') inQuotes = false;
                else { if (c == '\n') line++; field.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0: inQuotes = true; any = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); any = true; break;
                case '\r': break;
                case '\n':
                    if (any || field.Length > 0)
                    {
                        fields.Add(field.ToString());
                        yield return ([.. fields], recordLine);
                    }
                    fields.Clear(); field.Clear(); any = false;
                    line++; recordLine = line;
                    break;
                default: field.Append(c); any = true; break;
            }
        }
        if (inQuotes)
        {
            throw new SnapshotFormatException(file, recordLine, fields.Count + 1, "quoted field is never closed", "Close the quote (write \"\" for a literal quote)");
        }
        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return ([.. fields], recordLine);
        }
    }
}
