using System.IO.Compression;
using System.Text;
using Registers.Server.Downloads;

namespace Registers.Server.Tests.Downloads;

/// <summary>
/// An archive goes out as it is written, its directory too: the directory at the end is some 120 bytes a file (megabytes
/// for a large register), and held whole it doubled what an archive holds in memory at its end.
/// </summary>
public sealed class BufferedZipOutputTests
{
    private const int Files = 20_000;

    [Fact]
    public async Task The_directory_at_the_end_of_an_archive_is_sent_as_it_is_written_and_the_archive_reads_back_whole()
    {
        using var sent = new MemoryStream();
        long heldAtMost = 0;
        await using (var output = new BufferedZipOutput(sent))
        {
            await using (var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, TestContext.Current.CancellationToken))
            {
                for (var i = 0; i < Files; i++)
                {
                    var file = zip.CreateEntry($"item/{i:x64}.json", CompressionLevel.Fastest);
                    await using (var stream = await file.OpenAsync(TestContext.Current.CancellationToken))
                    {
                        await stream.WriteAsync(Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"), TestContext.Current.CancellationToken);
                    }

                    await output.DrainIfFullAsync(TestContext.Current.CancellationToken);
                }

                heldAtMost = output.Position - sent.Length;
            }

            // Written by the archive's end: what it has not sent yet is held in memory.
            heldAtMost = Math.Max(heldAtMost, output.Position - sent.Length);
            await output.DrainAsync(TestContext.Current.CancellationToken);
        }

        Assert.True(heldAtMost < 128 * 1024, $"{heldAtMost:N0} bytes held before they were sent");
        sent.Position = 0;
        await using var read = await ZipArchive.CreateAsync(sent, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, TestContext.Current.CancellationToken);
        Assert.Equal(Files, read.Entries.Count);
        using var last = new StreamReader(await read.GetEntry($"item/{Files - 1:x64}.json")!.OpenAsync(TestContext.Current.CancellationToken));
        Assert.Equal($"{{\"n\":{Files - 1}}}", await last.ReadToEndAsync(TestContext.Current.CancellationToken));
    }
}
