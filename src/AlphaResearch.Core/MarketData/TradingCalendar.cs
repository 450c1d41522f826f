using System.Collections.Concurrent;

namespace AlphaResearch.MarketData;

/// <summary>
/// NYSE trading sessions: weekends, the full-day holidays by rule (with the NYSE observance rules),
/// one-off special closures (docs/SNAPSHOT.md lists them), and the 13:00 ET early closes.
/// Stateless apart from a per-year cache, so one instance can be shared.
/// </summary>
public sealed class TradingCalendar
{
    /// <summary>Unscheduled full-day closures (national days of mourning, weather, 9/11).</summary>
    public static IReadOnlyDictionary<DateOnly, string> SpecialClosures { get; } = new Dictionary<DateOnly, string>
    {
        [new(1994, 4, 27)] = "National day of mourning (Richard Nixon)",
        [new(2001, 9, 11)] = "September 11 attacks",
        [new(2001, 9, 12)] = "September 11 attacks",
        [new(2001, 9, 13)] = "September 11 attacks",
        [new(2001, 9, 14)] = "September 11 attacks",
        [new(2004, 6, 11)] = "National day of mourning (Ronald Reagan)",
        [new(2007, 1, 2)] = "National day of mourning (Gerald Ford)",
        [new(2012, 10, 29)] = "Hurricane Sandy",
        [new(2012, 10, 30)] = "Hurricane Sandy",
        [new(2018, 12, 5)] = "National day of mourning (George H. W. Bush)",
        [new(2025, 1, 9)] = "National day of mourning (Jimmy Carter)",
    };

    private readonly ConcurrentDictionary<int, IReadOnlyDictionary<DateOnly, string>> _holidays = new();

    public bool IsSession(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && HolidayName(date) is null;

    /// <summary>The holiday or special closure on <paramref name="date"/>, or null (weekends are not holidays).</summary>
    public string? HolidayName(DateOnly date) =>
        SpecialClosures.TryGetValue(date, out var special) ? special
        : HolidaysOf(date.Year).TryGetValue(date, out var name) ? name : null;

    /// <summary>13:00 ET close: July 3 (Mon–Thu), the day after Thanksgiving, Christmas Eve (Mon–Thu).</summary>
    public bool IsEarlyClose(DateOnly date)
    {
        if (!IsSession(date)) return false;
        bool monToThu = date.DayOfWeek is >= DayOfWeek.Monday and <= DayOfWeek.Thursday;
        if (date.Month == 7 && date.Day == 3 && monToThu) return true;
        if (date.Month == 12 && date.Day == 24 && monToThu) return true;
        return date == NthWeekday(date.Year, 11, DayOfWeek.Thursday, 4).AddDays(1);
    }

    /// <summary>Run-date resolution: the most recent session on or before <paramref name="date"/> (Saturday → Friday).</summary>
    public DateOnly PreviousSessionOnOrBefore(DateOnly date)
    {
        while (!IsSession(date)) date = date.AddDays(-1);
        return date;
    }

    public DateOnly PreviousSessionBefore(DateOnly date) => PreviousSessionOnOrBefore(date.AddDays(-1));

    public DateOnly NextSessionOnOrAfter(DateOnly date)
    {
        while (!IsSession(date)) date = date.AddDays(1);
        return date;
    }

    public DateOnly NextSessionAfter(DateOnly date) => NextSessionOnOrAfter(date.AddDays(1));

    /// <summary>Sessions in [from, to], ascending.</summary>
    public IEnumerable<DateOnly> Sessions(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (IsSession(d)) yield return d;
        }
    }

    private IReadOnlyDictionary<DateOnly, string> HolidaysOf(int year) => _holidays.GetOrAdd(year, ComputeHolidays);

    private static IReadOnlyDictionary<DateOnly, string> ComputeHolidays(int year)
    {
        var h = new Dictionary<DateOnly, string>();
        // New Year's Day: Sunday → Monday; Saturday → no holiday (NYSE does not close on Dec 31).
        var newYear = new DateOnly(year, 1, 1);
        if (newYear.DayOfWeek == DayOfWeek.Sunday) h[newYear.AddDays(1)] = "New Year's Day (observed)";
        else if (newYear.DayOfWeek != DayOfWeek.Saturday) h[newYear] = "New Year's Day";
        if (year >= 1998) h[NthWeekday(year, 1, DayOfWeek.Monday, 3)] = "Martin Luther King Jr. Day";
        h[NthWeekday(year, 2, DayOfWeek.Monday, 3)] = "Washington's Birthday";
        h[EasterSunday(year).AddDays(-2)] = "Good Friday";
        h[LastWeekday(year, 5, DayOfWeek.Monday)] = "Memorial Day";
        if (year >= 2022) AddObserved(h, new DateOnly(year, 6, 19), "Juneteenth");
        AddObserved(h, new DateOnly(year, 7, 4), "Independence Day");
        h[NthWeekday(year, 9, DayOfWeek.Monday, 1)] = "Labor Day";
        h[NthWeekday(year, 11, DayOfWeek.Thursday, 4)] = "Thanksgiving Day";
        AddObserved(h, new DateOnly(year, 12, 25), "Christmas Day");
        return h;
    }

    /// <summary>Saturday holidays are observed on Friday, Sunday holidays on Monday.</summary>
    private static void AddObserved(Dictionary<DateOnly, string> h, DateOnly date, string name)
    {
        switch (date.DayOfWeek)
        {
            case DayOfWeek.Saturday: h[date.AddDays(-1)] = name + " (observed)"; break;
            case DayOfWeek.Sunday: h[date.AddDays(1)] = name + " (observed)"; break;
            default: h[date] = name; break;
        }
    }

    internal static DateOnly NthWeekday(int year, int month, DayOfWeek day, int n)
    {
        var first = new DateOnly(year, month, 1);
        int offset = ((int)day - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + 7 * (n - 1));
    }

    private static DateOnly LastWeekday(int year, int month, DayOfWeek day)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        int back = ((int)last.DayOfWeek - (int)day + 7) % 7;
        return last.AddDays(-back);
    }

    /// <summary>Gregorian Easter Sunday (anonymous Gregorian algorithm / Meeus–Jones–Butcher).</summary>
    internal static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }
}
