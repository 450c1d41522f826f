namespace AlphaResearch.Llm;

/// <summary>
/// Online calibration of <see cref="TokenEstimator"/> against one model's server: each call the server counted
/// (response usage or a count_tokens answer) adds a sample of actual ÷ estimate. Admissions multiply the estimate
/// by <see cref="Factor"/>, the largest ratio of the last <see cref="Window"/> samples — conservative on purpose (a
/// 429 costs far more than a slightly early reservation) and never below 1, since the difference is given back at
/// reconcile anyway. The bounded window lets a one-off outlier age out. Thread-safe.
/// </summary>
internal sealed class TokenCalibration
{
    public const int Window = 20;
    /// <summary>Ratios outside this range are taken as noise (a tiny prompt, a wrong count), not as the server's rule.</summary>
    public const double MinRatio = 0.2, MaxRatio = 5;

    private readonly object _gate = new();
    private readonly Queue<double> _ratios = new();
    private double _factor = 1;

    public int Samples { get { lock (_gate) return _ratios.Count; } }

    public double Factor { get { lock (_gate) return _factor; } }

    /// <summary>The reservation for a call we estimated at <paramref name="estimate"/> tokens.</summary>
    public long Apply(long estimate) => (long)Math.Ceiling(estimate * Factor);

    public void Observe(long estimate, long actual)
    {
        if (estimate <= 0 || actual <= 0) return;
        double ratio = (double)actual / estimate;
        if (!double.IsFinite(ratio) || ratio < MinRatio || ratio > MaxRatio) return;
        lock (_gate)
        {
            _ratios.Enqueue(ratio);
            while (_ratios.Count > Window) _ratios.Dequeue();
            _factor = Math.Max(1, _ratios.Max());
        }
    }
}
