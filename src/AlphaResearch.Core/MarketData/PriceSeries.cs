namespace AlphaResearch.MarketData;

/// <summary>
/// Daily OHLCV bars for one symbol, columnar, dates strictly ascending. Instances are immutable;
/// <see cref="Until"/> returns a view that ends on or before a date (the no-look-ahead cut).
/// </summary>
public sealed class PriceSeries
{
    public PriceSeries(string symbol, DateOnly[] dates, double[] open, double[] high, double[] low, double[] close, double[] volume)
        : this(symbol, dates, open, high, low, close, volume, dates.Length)
    {
        if (open.Length != dates.Length || high.Length != dates.Length || low.Length != dates.Length
            || close.Length != dates.Length || volume.Length != dates.Length)
        {
            throw new ArgumentException($"{symbol}: OHLCV columns differ in length");
        }
    }

    private PriceSeries(string symbol, DateOnly[] dates, double[] open, double[] high, double[] low, double[] close, double[] volume, int count)
    {
        Symbol = symbol;
        _dates = dates; _open = open; _high = high; _low = low; _close = close; _volume = volume;
        Count = count;
    }

    private readonly DateOnly[] _dates;
    private readonly double[] _open, _high, _low, _close, _volume;

    public string Symbol { get; }
    public int Count { get; }
    public ReadOnlySpan<DateOnly> Dates => _dates.AsSpan(0, Count);
    public ReadOnlySpan<double> Open => _open.AsSpan(0, Count);
    public ReadOnlySpan<double> High => _high.AsSpan(0, Count);
    public ReadOnlySpan<double> Low => _low.AsSpan(0, Count);
    public ReadOnlySpan<double> Close => _close.AsSpan(0, Count);
    public ReadOnlySpan<double> Volume => _volume.AsSpan(0, Count);

    public DateOnly FirstDate => _dates[0];
    public DateOnly LastDate => _dates[Count - 1];
    public double LastClose => _close[Count - 1];

    /// <summary>Index of the last bar dated on or before <paramref name="date"/>, or -1.</summary>
    public int IndexOnOrBefore(DateOnly date)
    {
        int i = Array.BinarySearch(_dates, 0, Count, date);
        return i >= 0 ? i : ~i - 1;
    }

    /// <summary>The bars dated on or before <paramref name="date"/> (shares storage; no copy).</summary>
    public PriceSeries Until(DateOnly date)
    {
        int n = IndexOnOrBefore(date) + 1;
        return n == Count ? this : new PriceSeries(Symbol, _dates, _open, _high, _low, _close, _volume, n);
    }
}
