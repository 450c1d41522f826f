using System.Text.RegularExpressions;
using Spectre.Console;

namespace AlphaResearch.Cli.Commands;

/// <summary>
/// Renders the brief's Markdown for a terminal: headings as rules/bold lines, pipe tables as Spectre tables,
/// bullets and **bold** kept. Everything else is printed as text (markup-escaped, Markdown escapes removed).
/// </summary>
internal static partial class BriefTerminalRenderer
{
    public static void Render(IAnsiConsole console, string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.StartsWith("|", StringComparison.Ordinal))
            {
                var block = new List<string>();
                while (i < lines.Length && lines[i].StartsWith("|", StringComparison.Ordinal)) block.Add(lines[i++]);
                i--;
                console.Write(Table(block));
            }
            else if (line.StartsWith("# ", StringComparison.Ordinal))
                console.Write(new Rule(Inline(line[2..])) { Justification = Justify.Left });
            else if (line.StartsWith("## ", StringComparison.Ordinal))
                console.MarkupLine($"\n[bold underline]{Inline(line[3..])}[/]");
            else if (line.StartsWith("### ", StringComparison.Ordinal))
                console.MarkupLine($"[bold]{Inline(line.TrimStart('#').Trim())}[/]");
            else if (line.StartsWith("- ", StringComparison.Ordinal))
                console.MarkupLine($"  • {Inline(line[2..])}");
            else if (line == "---")
                console.Write(new Rule());
            else
                console.MarkupLine(Inline(line));
        }
    }

    private static Table Table(List<string> rows)
    {
        var cells = rows.Where(r => !SeparatorRow().IsMatch(r)).Select(SplitRow).ToList();
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var h in cells[0]) table.AddColumn(new TableColumn(Inline(h)));
        foreach (var row in cells.Skip(1))
            table.AddRow(Enumerable.Range(0, cells[0].Length).Select(c => new Markup(c < row.Length ? Inline(row[c]) : "")).ToArray());
        return table;
    }

    /// <summary>Splits "| a | b \| c |" into cells, honouring escaped pipes.</summary>
    private static string[] SplitRow(string row)
    {
        var parts = CellSplitter().Split(row.Trim().Trim('|'));
        return parts.Select(p => p.Trim()).ToArray();
    }

    /// <summary>Markdown inline → Spectre markup: **bold** and *italic*, everything else escaped.</summary>
    internal static string Inline(string text)
    {
        var sb = new System.Text.StringBuilder();
        int last = 0;
        foreach (Match m in Emphasis().Matches(text))
        {
            sb.Append(Plain(text[last..m.Index]));
            sb.Append(m.Groups["b"].Success ? $"[bold]{Plain(m.Groups["b"].Value)}[/]" : $"[italic]{Plain(m.Groups["i"].Value)}[/]");
            last = m.Index + m.Length;
        }
        sb.Append(Plain(text[last..]));
        return sb.ToString();
    }

    private static string Plain(string s) => Markup.Escape(MarkdownEscape().Replace(s, "$1"));

    [GeneratedRegex(@"(?<!\\)\*\*(?<b>.+?)(?<!\\)\*\*|(?<!\\)\*(?<i>[^*]+?)(?<!\\)\*")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"\\([\\`*_{}\[\]<>()#+\-!|~])")]
    private static partial Regex MarkdownEscape();

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSplitter();

    [GeneratedRegex(@"^\|(\s*:?-+:?\s*\|)+\s*$")]
    private static partial Regex SeparatorRow();
}
