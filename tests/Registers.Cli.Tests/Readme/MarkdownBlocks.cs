namespace Registers.Cli.Tests.Readme;

/// <summary>A fenced code block of a Markdown file: its info string (<c>sh</c>, <c>text</c>), its text, the section it is in and its first line's number.</summary>
internal sealed record CodeBlock(string Info, string Text, string Section, int Line);

/// <summary>Reads the fenced code blocks (<c>```info</c> ... <c>```</c>) of a Markdown text, with the <c>##</c> section each is in.</summary>
internal static class MarkdownBlocks
{
    public static IReadOnlyList<CodeBlock> Read(string markdown)
    {
        var blocks = new List<CodeBlock>();
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var section = "";
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("## ", StringComparison.Ordinal))
            {
                section = lines[i][3..].Trim();
            }
            else if (lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                var start = i;
                var body = new List<string>();
                while (++i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal))
                {
                    body.Add(lines[i]);
                }

                blocks.Add(new CodeBlock(lines[start][3..].Trim(), string.Join('\n', body), section, start + 2));
            }
        }

        return blocks;
    }
}
