using AlphaResearch.MarketData;

namespace AlphaResearch.Tests.MarketData;

public class TradingCalendarTests
{
    private readonly TradingCalendar _nyse = new();

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2024-01-01", "New Year's Day")]
    [InlineData("2023-01-02", "New Year's Day (observed)")] // Jan 1 2023 was a Sunday
    [InlineData("2024-01-15", "Martin Luther King Jr. Day")]
    [InlineData("2024-02-19", "Washington's Birthday")]
    [InlineData("2024-03-29", "Good Friday")]
    [InlineData("2025-04-18", "Good Friday")]
    [InlineData("2024-05-27", "Memorial Day")]
    [InlineData("2022-06-20", "Juneteenth (observed)")] // June 19 2022 was a Sunday
    [InlineData("2024-06-19", "Juneteenth")]
    [InlineData("2026-07-03", "Independence Day (observed)")] // July 4 2026 is a Saturday
    [InlineData("2021-07-05", "Independence Day (observed)")] // July 4 2021 was a Sunday
    [InlineData("2024-09-02", "Labor Day")]
    [InlineData("2024-11-28", "Thanksgiving Day")]
    [InlineData("2022-12-26", "Christmas Day (observed)")]
    [InlineData("2021-12-24", "Christmas Day (observed)")]
    [InlineData("2025-01-09", "National day of mourning (Jimmy Carter)")]
    [InlineData("2018-12-05", "National day of mourning (George H. W. Bush)")]
    [InlineData("2012-10-29", "Hurricane Sandy")]
    [InlineData("2012-10-30", "Hurricane Sandy")]
    public void Known_closures_are_not_sessions(string date, string name)
    {
        Assert.False(_nyse.IsSession(D(date)));
        Assert.Equal(name, _nyse.HolidayName(D(date)));
    }

    [Theory]
    [InlineData("2021-12-31")] // Jan 1 2022 was a Saturday: NYSE does NOT close on Dec 31
    [InlineData("2021-06-18")] // before Juneteenth became an NYSE holiday (2022)
    [InlineData("2024-03-28")]
    [InlineData("2025-01-10")]
    [InlineData("2024-07-05")]
    [InlineData("2024-12-24")]
    public void Ordinary_weekdays_are_sessions(string date) => Assert.True(_nyse.IsSession(D(date)));

    [Fact]
    public void Weekends_are_not_sessions_and_have_no_holiday_name()
    {
        Assert.False(_nyse.IsSession(D("2024-06-01")));
        Assert.False(_nyse.IsSession(D("2024-06-02")));
        Assert.Null(_nyse.HolidayName(D("2024-06-01")));
    }

    [Theory]
    [InlineData("2024-07-03", true)]
    [InlineData("2025-07-03", true)]
    [InlineData("2026-07-02", false)] // July 3 2026 is the observed holiday; no early close the day before
    [InlineData("2024-11-29", true)]
    [InlineData("2024-12-24", true)]
    [InlineData("2025-12-24", true)]
    [InlineData("2021-12-23", false)]
    [InlineData("2024-07-02", false)]
    [InlineData("2024-07-04", false)] // closed, not early
    public void Early_closes(string date, bool early) => Assert.Equal(early, _nyse.IsEarlyClose(D(date)));

    [Theory]
    [InlineData("2024-06-08", "2024-06-07")] // Saturday researches Friday
    [InlineData("2024-06-09", "2024-06-07")]
    [InlineData("2024-06-07", "2024-06-07")]
    [InlineData("2024-03-31", "2024-03-28")] // Easter Sunday → Thursday before Good Friday
    [InlineData("2025-01-09", "2025-01-08")]
    [InlineData("2025-01-01", "2024-12-31")]
    public void Previous_session_on_or_before(string date, string expected) =>
        Assert.Equal(D(expected), _nyse.PreviousSessionOnOrBefore(D(date)));

    [Theory]
    [InlineData("2025-01-08", "2025-01-10")]
    [InlineData("2024-03-28", "2024-04-01")]
    [InlineData("2024-12-31", "2025-01-02")]
    public void Next_session_after(string date, string expected) =>
        Assert.Equal(D(expected), _nyse.NextSessionAfter(D(date)));

    [Fact]
    public void Session_count_matches_the_sample_price_files()
    {
        // prices/sp500_mit has 258 rows = every NYSE session from 2024-01-02 to 2025-01-10.
        Assert.Equal(258, _nyse.Sessions(D("2024-01-02"), D("2025-01-10")).Count());
        Assert.Equal(252, _nyse.Sessions(D("2024-01-01"), D("2024-12-31")).Count());
    }

    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2038, "2038-04-25")]
    public void Easter_computus(int year, string easter) => Assert.Equal(D(easter), TradingCalendar.EasterSunday(year));
}
