using System.Text;

namespace AlphaResearch.Publishing;

/// <summary>Makes LLM-written text inert inside our Markdown: no links, images, HTML or table breaks sneak in.</summary>
internal static class MarkdownText
{
    private const string Special = "\\`*_{}[]<>()#+-!|~";

    /// <summary>Escapes Markdown punctuation and folds the text onto one line (for table cells and bullets).</summary>
    public static string Inline(string? text, int maxChars = int.MaxValue)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        string flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length > maxChars) flat = flat[..Math.Max(0, maxChars - 1)].TrimEnd() + "…";
        var sb = new StringBuilder(flat.Length + 8);
        foreach (char c in flat)
        {
            if (Special.Contains(c)) sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>A block of Markdown from an agent (the macro report): code fences are dropped, headings demoted below ours.</summary>
    public static string Block(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var lines = markdown.Replace("\r\n", "\n").Split('\n')
            .Where(l => !l.TrimStart().StartsWith("```", StringComparison.Ordinal))
            .Select(l => l.TrimStart().StartsWith('#') ? "###" + l.TrimStart().TrimStart('#') : l);
        return string.Join('\n', lines).Trim();
    }
}
