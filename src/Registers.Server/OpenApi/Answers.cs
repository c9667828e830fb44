using Registers.Server.Entries;
using Registers.Server.Hosting;
using Registers.Server.Records;

namespace Registers.Server.OpenApi;

/// <summary>How read endpoints describe themselves: an operation id, a summary and a description, and what they answer.</summary>
public static class Answers
{
    /// <summary>Names and describes the operation.</summary>
    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder builder, string operationId, string summary, string description) =>
        builder.WithName(operationId).WithSummary(summary).WithDescription(description);

    /// <summary>Answers a list of entries, as JSON or CSV, or 304, or a problem.</summary>
    public static RouteHandlerBuilder AnswersEntries(this RouteHandlerBuilder builder) => builder
        .Produces<EntryResource[]>(StatusCodes.Status200OK, Representation.JsonMediaType, "text/csv")
        .WithExample(Representation.JsonMediaType, Examples.Entries)
        .WithExample("text/csv", Examples.EntriesCsv)
        .AnswersNotModified()
        .ReadProblems();

    /// <summary>Answers records keyed by key, as JSON or CSV, named by the tree size they were read at, or 304, or a problem.</summary>
    public static RouteHandlerBuilder AnswersRecords(this RouteHandlerBuilder builder) => builder
        .Produces<Dictionary<string, RecordResource>>(StatusCodes.Status200OK, Representation.JsonMediaType, "text/csv")
        .WithExample(Representation.JsonMediaType, Examples.Records)
        .WithExample("text/csv", Examples.RecordsCsv)
        .SendsTreeSize()
        .AnswersNotModified()
        .ReadProblems();

    /// <summary>Answers a download of <paramref name="mediaType"/> as a file to save, or 304, or a problem.</summary>
    public static RouteHandlerBuilder AnswersDownload(this RouteHandlerBuilder builder, string mediaType, string example) => builder
        .Produces<string>(StatusCodes.Status200OK, mediaType)
        .WithExample(mediaType, example)
        .SendsAttachment()
        .AnswersNotModified()
        .ReadProblems();
}
