using AlphaResearch.Cli.Commands;

namespace AlphaResearch.Tests.Scale;

/// <summary>`bench llm --workers`: the list is parsed strictly; anything else is refused naming the option.</summary>
public sealed class BenchWorkersOptionTests
{
    [Fact]
    public void A_list_of_worker_counts_is_accepted()
    {
        var s = new BenchLlmCommand.Settings { Workers = "1, 2,4" };
        Assert.True(s.Validate().Successful);
        Assert.Equal([1, 2, 4], s.WorkerCounts());
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("1,two")]
    [InlineData("17")]
    [InlineData("-1")]
    public void Anything_else_is_refused_naming_the_option(string workers)
    {
        var result = new BenchLlmCommand.Settings { Workers = workers }.Validate();
        Assert.False(result.Successful);
        Assert.Contains($"--workers '{workers}'", result.Message);
    }
}
