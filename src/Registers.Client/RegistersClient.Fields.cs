using System.Net;
using System.Text.Json;
using Registers.Protocol.Fields;
using Registers.Protocol.Items;

namespace Registers.Client;

public sealed partial class RegistersClient
{
    private const int MetadataPageSize = 5_000;

    /// <summary>
    /// The field definitions in force in <paramref name="register"/>: the current item of each <c>field:*</c> record of its
    /// system log, as the server checks new items against them; null when there is no such register. As the server reads
    /// them: by what each defines, under whatever <c>field:</c> key history put it, in the order of the records' entries (a
    /// field defined under two keys takes the later definition). Definitions that do not parse (history loaded leniently)
    /// are left out, as the server leaves them out.
    /// </summary>
    /// <exception cref="Problems.RegistersException">The server answered with another error.</exception>
    /// <exception cref="JsonException">The answer is not the JSON the API defines: not JSON, or not an object of system records.</exception>
    public async Task<IReadOnlyList<FieldDefinition>?> GetFieldDefinitionsAsync(string register, CancellationToken cancellationToken = default)
    {
        var fields = new List<(long EntryNumber, FieldDefinition Field)>();
        for (var page = 1; ; page++)
        {
            using var response = await GetAsync(
                $"{RegisterPath(register)}/system/records.json?page-size={MetadataPageSize}&page-index={page}", cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound && page == 1)
            {
                return null;
            }

            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            var records = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            using var json = JsonDocument.Parse(records);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException("The server's system records are not a JSON object.");
            }

            var count = 0;
            foreach (var record in json.RootElement.EnumerateObject())
            {
                count++;
                if (!record.Name.StartsWith(FieldDefinition.KeyPrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                // The first item, as the server reads a metadata record (a metadata entry cites one).
                var item = record.Value.GetProperty("item").EnumerateArray().FirstOrDefault();
                if (item.ValueKind == JsonValueKind.Object
                    && FieldDefinition.TryParse(Item.FromJson(JsonSerializer.SerializeToUtf8Bytes(item)), null, out var field, out _))
                {
                    fields.Add((EntryNumber(record), field));
                }
            }

            if (count < MetadataPageSize)
            {
                return [.. fields.OrderBy(defined => defined.EntryNumber).Select(defined => defined.Field)];
            }
        }
    }

    /// <summary>The number of the entry a system record is the latest of (<c>entry-number</c>, a string of digits).</summary>
    private static long EntryNumber(JsonProperty record) =>
        record.Value.TryGetProperty("entry-number", out var number) && number.ValueKind == JsonValueKind.String
        && long.TryParse(number.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new JsonException($"The server's system record '{record.Name}' has no entry-number.");
}
