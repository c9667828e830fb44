using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Registers.Server.Hosting;

/// <summary>
/// Writes CSV as GOV.UK's server did: a header row, CRLF line ends, a cell quoted only when it holds a comma,
/// a quote or a line break (quotes doubled inside), and the values of a list joined with <c>;</c>.
/// Rows go straight into a buffer writer (the response body), so a download never builds the file in memory.
/// </summary>
public sealed class CsvOutput(IBufferWriter<byte> output)
{
    /// <summary>The separator between the values of a cardinality-n cell.</summary>
    public const char ListSeparator = ';';

    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    /// <summary>Writes one row.</summary>
    public void WriteRow(IEnumerable<string?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                Write(",");
            }

            first = false;
            WriteCell(cell ?? "");
        }

        Write("\r\n");
    }

    /// <summary>Joins the values of a list the way GOV.UK's CSV did.</summary>
    public static string Join(IEnumerable<string> values) => string.Join(ListSeparator, values);

    private void WriteCell(string cell)
    {
        if (cell.AsSpan().IndexOfAny(NeedsQuotes) < 0)
        {
            Write(cell);
            return;
        }

        Write("\"");
        Write(cell.Replace("\"", "\"\"", StringComparison.Ordinal));
        Write("\"");
    }

    private void Write(string text) => Encoding.UTF8.GetBytes(text, output);
}

/// <summary>
/// A CSV answer written row by row into the response body, flushed as it grows: it starts sending at once and
/// holds one buffer, however many rows there are.
/// </summary>
/// <param name="writeRows">Writes the rows (header first); it may flush through the callback it is given.</param>
public sealed class CsvResult(Func<CsvOutput, Func<ValueTask>, CancellationToken, Task> writeRows) : IResult
{
    private const int FlushThreshold = 32 * 1024;

    /// <inheritdoc/>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.ContentType = Representation.CsvContentType;
        if (HttpMethods.IsHead(httpContext.Request.Method))
        {
            return;
        }

        var body = httpContext.Response.BodyWriter;
        var cancellation = httpContext.RequestAborted;
        await writeRows(new CsvOutput(body), () => FlushIfFullAsync(body, cancellation), cancellation);
        await body.FlushAsync(cancellation);
    }

    private static async ValueTask FlushIfFullAsync(PipeWriter body, CancellationToken cancellation)
    {
        if (!body.CanGetUnflushedBytes || body.UnflushedBytes >= FlushThreshold)
        {
            await body.FlushAsync(cancellation);
        }
    }
}
