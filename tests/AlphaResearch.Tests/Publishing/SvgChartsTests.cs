using AlphaResearch.Publishing;

namespace AlphaResearch.Tests.Publishing;

public sealed class SvgChartsTests
{
    [Fact]
    public void Bars_go_down_and_red_for_negative_values_and_carry_their_value_as_a_tooltip()
    {
        var svg = SvgCharts.Bars("t", [("up", 0.02), ("down", -0.01)], percent: true);
        Assert.StartsWith("<svg viewBox=", svg);
        Assert.Equal(2, svg.Split("<rect x=").Length - 1);
        Assert.Contains("fill=\"#d62728\"><title>down: -1.0%</title>", svg);
        Assert.Contains("fill=\"#1f77b4\"><title>up: 2.0%</title>", svg);
        Assert.DoesNotContain("http", svg); // inline in HTML5: no xmlns, no URL of any kind
    }

    [Fact]
    public void Lines_share_the_x_axis_escape_names_and_are_deterministic()
    {
        SvgCharts.Series a = new("A <b>", "#111", [("2024-01-01", 0.0), ("2024-01-08", 0.1)]);
        SvgCharts.Series b = new("B", "#222", [("2024-01-08", -0.1)]);
        var svg = SvgCharts.Lines("cum", [a, b], percent: true);
        Assert.Contains("A &lt;b&gt;", svg);
        Assert.DoesNotContain("<b>", svg);
        Assert.Equal(2, svg.Split("<polyline").Length - 1);
        Assert.Equal(svg, SvgCharts.Lines("cum", [a, b], percent: true));
    }

    [Fact]
    public void No_data_says_so_instead_of_drawing_an_empty_axis()
    {
        Assert.Contains("no finished windows yet", SvgCharts.Lines("x", [new("A", "#000", [])], percent: false));
        Assert.Contains("no finished windows yet", SvgCharts.Bars("x", [], percent: false));
    }
}
