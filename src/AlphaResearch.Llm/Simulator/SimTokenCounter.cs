using System.Text;

namespace AlphaResearch.Llm.Simulator;

/// <summary>
/// The simulator's own token count, deliberately NOT the client's estimator (chars ÷ 3.5): a "piece" is a run of
/// up to six letters or digits, or one other non-space character (so JSON punctuation costs a piece each and
/// whitespace is free), the sum is multiplied by <see cref="Factor"/> (default 1.25) and each message adds
/// <see cref="PerMessage"/>. A client that sizes its calls from its own estimate must therefore learn the
/// server's count from reported usage or count_tokens, as it must against the real API.
/// </summary>
public sealed class SimTokenCounter
{
    public const int PerMessage = 3;
    private const int LettersPerPiece = 6;

    public SimTokenCounter(double factor) => Factor = factor > 0 ? factor : throw new ArgumentOutOfRangeException(nameof(factor), "token factor must be positive");

    public double Factor { get; }

    /// <summary>Pieces in <paramref name="text"/> (before the factor).</summary>
    public static long Pieces(string text)
    {
        long pieces = 0;
        int run = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                if (run == 0) pieces++;
                run = (run + 1) % LettersPerPiece;
                continue;
            }
            run = 0;
            if (!Rune.IsWhiteSpace(rune)) pieces++;
        }
        return pieces;
    }

    /// <summary>Tokens for a list of text segments plus <paramref name="messages"/> message framings.</summary>
    public long Count(IEnumerable<string> segments, int messages = 0) =>
        (long)Math.Ceiling(segments.Sum(Pieces) * Factor) + (long)PerMessage * messages;

    public long Count(string text) => (long)Math.Ceiling(Pieces(text) * Factor);
}
