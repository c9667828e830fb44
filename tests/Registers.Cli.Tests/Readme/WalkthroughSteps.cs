namespace Registers.Cli.Tests.Readme;

/// <summary>One step of a walkthrough: shell commands, and what they print when the README shows it.</summary>
/// <param name="Commands">The text of an <c>sh</c> block, run by bash as it is.</param>
/// <param name="Expected">The <c>text</c> block right after it: the standard output, <c>…</c> standing for any text within a line; null when none is shown.</param>
/// <param name="Line">Where the commands start in the README, for failure messages.</param>
internal sealed record WalkthroughStep(string Commands, string? Expected, int Line);

/// <summary>
/// The steps of the README's walkthrough sections (those whose heading starts <c>Walkthrough</c>): every <c>sh</c>
/// block, in order, each with the <c>text</c> block that follows it. Writing a new block there adds a step.
/// </summary>
internal static class WalkthroughSteps
{
    public const string SectionPrefix = "Walkthrough";

    public static IReadOnlyList<WalkthroughStep> Read(string markdown)
    {
        var blocks = MarkdownBlocks.Read(markdown).Where(block => block.Section.StartsWith(SectionPrefix, StringComparison.Ordinal)).ToList();
        var steps = new List<WalkthroughStep>();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i].Info == "sh")
            {
                var output = i + 1 < blocks.Count && blocks[i + 1].Info == "text" ? blocks[i + 1].Text : null;
                steps.Add(new WalkthroughStep(blocks[i].Text, output, blocks[i].Line));
            }
        }

        return steps;
    }
}
