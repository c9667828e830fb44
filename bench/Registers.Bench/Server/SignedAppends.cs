using System.Globalization;
using System.Text;
using Registers.Client;
using Registers.Client.Problems;
using Registers.Client.Writes;
using Registers.Protocol.Items;

namespace Registers.Bench.Server;

/// <summary>
/// Single appends as custodians make them: each one entry with a new item, sent by the client library over HTTP and
/// signed with the admin key. Caller <c>w</c> writes to register <c>w mod n</c>. An append counts only when its receipt
/// gives it exactly one entry number and a checkpoint that includes it.
/// </summary>
internal sealed class SignedAppends(RegistersClient client, IReadOnlyList<(string Register, string KeyField)> registers, int run)
{
    public async Task<bool> AppendAsync(int worker, long sequence)
    {
        var (register, keyField) = registers[worker % registers.Count];
        var key = string.Create(CultureInfo.InvariantCulture, $"b{run}-{sequence}"); // new each run: a repeated item would be refused
        var item = Item.FromJson(Encoding.UTF8.GetBytes($$"""{"{{keyField}}":"{{key}}","name":"appended {{key}}"}"""));
        try
        {
            var receipt = await client.AppendAsync(register, [new NewEntry(key, item)]);
            return receipt.UserEntriesAppended == 1 && receipt.User.Checkpoint is not null && receipt.User.Size >= receipt.User.LastEntry;
        }
        catch (Exception refused) when (refused is RegistersException or HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>The user entries the registers hold now, summed: the appends of a run must add exactly one each.</summary>
    public async Task<long> EntriesAsync() =>
        (await Task.WhenAll(registers.Distinct().Select(r => client.GetStatusAsync(r.Register)))).Sum(status => status?.User.Size ?? 0);
}
