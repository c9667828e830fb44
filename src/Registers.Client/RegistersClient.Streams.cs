using System.Globalization;
using System.Runtime.CompilerServices;
using Registers.Client.Reads;
using Registers.Client.Verification;
using Registers.Protocol.Hashing;

namespace Registers.Client;

/// <summary>Reads of many things, or large ones: entry pages as a stream, a record's history, items, RSF downloads.</summary>
public sealed partial class RegistersClient
{
    private const int MaxPage = 5000;

    /// <summary>
    /// The entries of <paramref name="register"/>'s user log from <paramref name="start"/> (from 1) to its end, fetched a page
    /// (5,000 entries) at a time as they are read. Taken as the server gives them: check them against a signed root.
    /// </summary>
    /// <exception cref="Problems.RegistersException">No such register, or another error.</exception>
    public async IAsyncEnumerable<ServedEntry> GetEntriesAsync(string register, long start = 1, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(start, 1);
        while (true)
        {
            var path = $"{RegisterPath(register)}/entries?start={start.ToString(CultureInfo.InvariantCulture)}&limit={MaxPage}";
            var page = ServedJson.Entries(register, await GetBytesAsync(path, cancellationToken).ConfigureAwait(false));
            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < MaxPage)
            {
                yield break;
            }

            start += page.Count;
        }
    }

    /// <summary>
    /// Every record of <paramref name="register"/> as of tree size <paramref name="treeSize"/> (a verified checkpoint's, so the
    /// pages agree with each other), in key order, fetched a page (5,000 records) at a time as they are read.
    /// </summary>
    /// <exception cref="Problems.RegistersException">No such register or size, or another error.</exception>
    public async IAsyncEnumerable<ServedRecord> GetRecordsAsync(string register, long treeSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = $"{RegisterPath(register)}/records?as-of={treeSize.ToString(CultureInfo.InvariantCulture)}&";
        await foreach (var page in PagesAsync(register, path, body => ServedJson.Records(register, body, treeSize), treeSize, cancellationToken).ConfigureAwait(false))
        {
            foreach (var record in page)
            {
                yield return record;
            }
        }
    }

    /// <inheritdoc/>
    /// <exception cref="Problems.RegistersException">No such register or size, or another error.</exception>
    public async Task<IReadOnlyList<ServedEntry>> GetRecordHistoryAsync(string register, string key, long treeSize, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        try
        {
            return await HistoryAsync(register, key, treeSize, cancellationToken).ConfigureAwait(false);
        }
        catch (Problems.RegistersException none) when (none.StatusCode == System.Net.HttpStatusCode.NotFound && none.Problem.Title == UnknownRecordTitle)
        {
            // A key the register did not hold at that size: an answer, as for a record. (Only a first page is a 404 of a key.)
            return [];
        }
    }

    /// <summary>
    /// Every entry of <paramref name="key"/>, oldest first, as of the register's size when asked (as its <c>/register</c>
    /// gives it), fetched a page (5,000 entries) at a time. Taken as the server gives them: check them against a signed root.
    /// </summary>
    /// <exception cref="Problems.RegistersException">No such register or record, or another error.</exception>
    /// <exception cref="VerificationException"><see cref="VerificationProblem.WrongAnswer"/>: pages of more entries than the register held.</exception>
    public async Task<IReadOnlyList<ServedEntry>> GetRecordHistoryAsync(string register, string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        // Read at one size, so the pages agree with each other and cannot go on past what the register held.
        var size = (await GetRegisterAsync(register, cancellationToken).ConfigureAwait(false)).TotalEntries;
        return await HistoryAsync(register, key, size, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<ServedEntry>> HistoryAsync(string register, string key, long treeSize, CancellationToken cancellationToken)
    {
        var history = new List<ServedEntry>();
        var record = RecordPath(register, key) ?? throw UnknownRecord(register, key, treeSize);
        var path = $"{record}/entries?as-of={treeSize.ToString(CultureInfo.InvariantCulture)}&";
        await foreach (var page in PagesAsync(register, path, body => ServedJson.Entries(register, body), treeSize, cancellationToken).ConfigureAwait(false))
        {
            history.AddRange(page);
        }

        return history;
    }

    /// <summary>
    /// The pages of a resource paged by <c>page-index</c>, <see cref="MaxPage"/> a page, read with <paramref name="read"/>:
    /// up to the first that is not full, or the 404 past a last page that was. <paramref name="path"/> is the resource's
    /// path and query, ending in <c>?</c> or <c>&amp;</c>. A tree of <paramref name="most"/> entries holds no more records or
    /// entries of a key than that: pages that pass it are a wrong answer, not to be read on for as long as the server likes.
    /// </summary>
    /// <exception cref="VerificationException"><see cref="VerificationProblem.WrongAnswer"/>: more than <paramref name="most"/>.</exception>
    private async IAsyncEnumerable<IReadOnlyList<T>> PagesAsync<T>(
        string register, string path, Func<byte[], IReadOnlyList<T>> read, long most, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long total = 0;
        for (var index = 1; ; index++)
        {
            using var response = await GetAsync($"{path}page-index={index.ToString(CultureInfo.InvariantCulture)}&page-size={MaxPage}", cancellationToken).ConfigureAwait(false);
            if (index > 1 && response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                yield break; // the previous page was full and the last
            }

            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            var page = read(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            total += page.Count;
            if (total > most)
            {
                throw new VerificationException(VerificationProblem.WrongAnswer, register,
                    string.Create(CultureInfo.InvariantCulture, $"The server's pages of {path.TrimEnd('?', '&')} hold more than the {most} entries of the tree they were read at."),
                    string.Create(CultureInfo.InvariantCulture, $"at most {most}"), string.Create(CultureInfo.InvariantCulture, $"{total} by page {index}"));
            }

            yield return page;
            if (page.Count < MaxPage)
            {
                yield break;
            }
        }
    }

    /// <summary>The bytes the server serves for item <paramref name="hash"/> (check them: their SHA-256 must be the hash).</summary>
    /// <exception cref="Problems.RegistersException">No such register or item, or another error.</exception>
    public Task<byte[]> GetItemAsync(string register, Digest hash, CancellationToken cancellationToken = default) =>
        GetBytesAsync($"{RegisterPath(register)}/items/{hash}", cancellationToken);

    /// <summary>
    /// Streams the RSF of <paramref name="register"/> from user size <paramref name="fromSize"/> to <paramref name="toSize"/>
    /// into <paramref name="destination"/>, never holding it in memory: a whole register when <paramref name="fromSize"/> is 0.
    /// </summary>
    /// <exception cref="Problems.RegistersException">No such register or size, or another error.</exception>
    /// <exception cref="TaskCanceledException">No byte of the download came for the <see cref="HttpClient.Timeout"/> (a <see cref="TimeoutException"/> inside).</exception>
    /// <exception cref="Problems.SlowDownloadException">The download came slower than <see cref="RegistersClientOptions.MinDownloadRate"/>.</exception>
    public async Task DownloadRsfAsync(string register, long fromSize, long toSize, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var path = $"{RegisterPath(register)}/download-rsf/{fromSize.ToString(CultureInfo.InvariantCulture)}/{toSize.ToString(CultureInfo.InvariantCulture)}";
        using var response = await GetAsync(path, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await StreamedBody.CopyAsync(response.RequestMessage, body, destination, _http.Timeout, _options.MinDownloadRate, cancellationToken).ConfigureAwait(false);
    }
}
