using System.Text.RegularExpressions;

namespace AlphaResearch.Tests.Architecture;

/// <summary>
/// Reads one C# source: the top-level AlphaResearch namespace it declares and every other one it uses —
/// `using [static] AlphaResearch.X`, fully qualified `AlphaResearch.X.`, or relative `X.Type` (which C# resolves
/// against the enclosing AlphaResearch namespace). Comments and string literals are ignored.
/// </summary>
internal static partial class NamespaceScanner
{
    public sealed record Use(string Namespace, int Line, string Text);

    public static string? DeclaredNamespace(string source) =>
        DeclaredPattern().Match(source) is { Success: true } m ? m.Groups[1].Value : null;

    public static IReadOnlyList<Use> Uses(string source, IEnumerable<string> known)
    {
        var names = known.ToHashSet(StringComparer.Ordinal);
        var uses = new List<Use>();
        var lines = StripCommentsAndStrings(source).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.TrimStart().StartsWith("namespace ", StringComparison.Ordinal)) continue;
            foreach (Match m in QualifiedPattern().Matches(line))
            {
                string ns = m.Groups[1].Value;
                if (names.Contains(ns)) uses.Add(new Use(ns, i + 1, line.Trim()));
            }
            foreach (Match m in RelativePattern().Matches(line))
            {
                string ns = m.Groups[1].Value;
                if (names.Contains(ns)) uses.Add(new Use(ns, i + 1, line.Trim()));
            }
        }
        return uses;
    }

    /// <summary>Blanks comments and ordinary/verbatim/raw string literals, keeping line breaks so line numbers hold.</summary>
    internal static string StripCommentsAndStrings(string source) =>
        LiteralPattern().Replace(source, m => Regex.Replace(m.Value, "[^\n]", " "));

    [GeneratedRegex(@"^\s*namespace\s+AlphaResearch\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex DeclaredPattern();

    [GeneratedRegex(@"(?<![\w.])AlphaResearch\.(\w+)")]
    private static partial Regex QualifiedPattern();

    // `Engine.RunLock`, `Llm.Schemas.StrictSchema`: a known namespace name followed by a type-like name, not a member access.
    [GeneratedRegex(@"(?<![\w.""])(\w+)\.[A-Z]\w*")]
    private static partial Regex RelativePattern();

    [GeneratedRegex("\"\"\"[\\s\\S]*?\"\"\"|@\"(?:\"\"|[^\"])*\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])'|//[^\\n]*|/\\*[\\s\\S]*?\\*/")]
    private static partial Regex LiteralPattern();
}
