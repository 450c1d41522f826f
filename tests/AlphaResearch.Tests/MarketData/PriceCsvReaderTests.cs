using System.Text;
using AlphaResearch.MarketData;

namespace AlphaResearch.Tests.MarketData;

public class PriceCsvReaderTests
{
    private static RawPrices ReadFixture(string rel) =>
        PriceCsvReader.Read(rel, File.ReadAllBytes(Path.Combine(TempSnapshot.RawFixtures, rel)));

    private static RawPrices ReadText(string text) => PriceCsvReader.Read("x.csv", Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Reads_yfinance_three_row_header_in_its_alphabetical_column_order()
    {
        var p = ReadFixture("prices/sp500_mit/AAPL.csv");
        Assert.Equal(258, p.Count);
        Assert.Equal(new DateOnly(2024, 1, 2), p.Dates[0]);
        Assert.Equal(186.23761848029775, p.Open[0]);
        Assert.Equal(187.52133810124718, p.High[0]);
        Assert.Equal(182.9935167810597, p.Low[0]);
        Assert.Equal(184.7349853515625, p.Close[0]);
        Assert.Equal(82488700, p.Volume[0]);
        Assert.Equal(4, p.Lines[0]);
        Assert.Equal(240.00999450683594, p.Open[^1]);
        Assert.Equal(236.85000610351562, p.Close[^1]);
    }

    [Fact]
    public void Reads_dates_with_time_and_utc_offset()
    {
        var p = ReadFixture("prices/sp400/AA.csv");
        Assert.Equal(501, p.Count);
        Assert.Equal(new DateOnly(2023, 7, 10), p.Dates[0]);
        Assert.Equal(new DateOnly(2025, 7, 8), p.Dates[^1]);
        Assert.Equal(33.278472900390625, p.Close[0]);
    }

    [Fact]
    public void Reads_upper_case_vix_header_without_volume()
    {
        var p = ReadFixture("prices/index/VIX.csv");
        int i = Array.IndexOf(p.Dates, new DateOnly(2024, 1, 2));
        Assert.Equal((13.22, 14.23, 13.1, 13.2, 0.0), (p.Open[i], p.High[i], p.Low[i], p.Close[i], p.Volume[i]));
    }

    [Fact]
    public void Reads_float_volumes_crlf_and_empty_as_nan()
    {
        var p = ReadText("Date,Open,High,Low,Close,Volume\r\n2024-01-02,1,2,0.5,1.5,208000.0\r\n2024-01-03,1,2,0.5,,1e3\r\n");
        Assert.Equal(208000, p.Volume[0]);
        Assert.Equal(1000, p.Volume[1]);
        Assert.True(double.IsNaN(p.Close[1]));
    }

    [Fact]
    public void Unknown_column_names_file_line_and_column()
    {
        var e = Assert.Throws<SnapshotFormatException>(() => ReadText("Date,Opn,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,10\n"));
        Assert.Equal("x.csv, line 1, column 2: unknown column 'Opn'. expected a header like Date,Open,High,Low,Close,Volume (Volume optional)", e.Message);
        Assert.Equal((1, 2), (e.Line, e.Column));
    }

    [Fact]
    public void Missing_price_column_is_a_header_error()
    {
        var e = Assert.Throws<SnapshotFormatException>(() => ReadText("Date,Open,High,Low,Volume\n"));
        Assert.Equal("x.csv, line 1: missing column 'Close'. expected a header like Date,Open,High,Low,Close,Volume (Volume optional)", e.Message);
    }

    [Fact]
    public void Unparseable_number_names_line_column_and_what_to_do()
    {
        var e = Assert.Throws<SnapshotFormatException>(() =>
            ReadText("Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,10\n2024-01-03,1,2,0.5,1,5,10\n"));
        Assert.StartsWith("x.csv, line 3: expected 6 fields, found 7.", e.Message);

        e = Assert.Throws<SnapshotFormatException>(() =>
            ReadText("Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,10\n2024-01-03,1,2,0.5,1,5x\n"));
        Assert.Equal("x.csv, line 3, column 6: cannot read number '5x' in column Volume. Use plain decimal numbers with '.' as the decimal point (leave the field empty for a missing value)", e.Message);
    }

    [Fact]
    public void Too_few_fields_and_bad_dates_are_errors()
    {
        var e = Assert.Throws<SnapshotFormatException>(() => ReadText("Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5\n"));
        Assert.Equal("x.csv, line 2: expected 6 fields, found 5. Every data row needs one value per header column; fix or delete the row", e.Message);

        e = Assert.Throws<SnapshotFormatException>(() => ReadText("Date,Open,High,Low,Close,Volume\n02/01/2024,1,2,0.5,1.5,1\n"));
        Assert.Equal("x.csv, line 2, column 1: cannot read date '02/01/2024'. Dates must start with YYYY-MM-DD", e.Message);
    }

    [Fact]
    public void Broken_yfinance_header_is_an_error()
    {
        var e = Assert.Throws<SnapshotFormatException>(() => ReadText("Price,Close,High,Low,Open,Volume\nDate,,,,,\n2024-01-02,1,2,0.5,1.5,1\n"));
        Assert.Equal((2, 1), (e.Line, e.Column));
        Assert.Contains("expected 'Ticker' (yfinance 3-row header), found 'Date'", e.Message);
    }

    [Fact]
    public void Macro_reader_accepts_both_header_cases_float_values_and_skips_fred_dots()
    {
        var (dates, values, _) = MacroCsvReader.Read("ICSA.csv", "ICSA", File.ReadAllBytes(Path.Combine(TempSnapshot.RawFixtures, "macro/ICSA.csv")));
        Assert.Equal((new DateOnly(2021, 1, 2), 803000.0), (dates[0], values[0]));

        var (d2, v2, _) = MacroCsvReader.Read("DGS10.csv", "DGS10", "DATE,DGS10\n2024-01-01,.\n2024-01-02,3.95\n"u8);
        Assert.Equal([new DateOnly(2024, 1, 2)], d2);
        Assert.Equal([3.95], v2);

        var e = Assert.Throws<SnapshotFormatException>(() => MacroCsvReader.Read("M.csv", "M", "when,value\n"u8));
        Assert.Equal("M.csv, line 1: header is 'when,value'. Macro files need the header 'date,value'", e.Message);
    }
}
