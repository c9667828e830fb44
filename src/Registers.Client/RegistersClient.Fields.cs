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
    /// system log, as the server checks new items against them; null when there is no such register. Definitions that do
    /// not parse (history loaded leniently) are left out, as the server leaves them out.
    /// </summary>
    /// <exception cref="Problems.RegistersException">The server answered with another error.</exception>
    /// <exception cref="JsonException">The answer is not the JSON the API defines: not JSON, or not an object of system records.</exception>
    public async Task<IReadOnlyList<FieldDefinition>?> GetFieldDefinitionsAsync(string register, CancellationToken cancellationToken = default)
    {
        var fields = new List<FieldDefinition>();
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

                foreach (var item in record.Value.GetProperty("item").EnumerateArray())
                {
                    if (FieldDefinition.TryParse(Item.FromJson(JsonSerializer.SerializeToUtf8Bytes(item)), record.Name, out var field, out _))
                    {
                        fields.Add(field);
                    }
                }
            }

            if (count < MetadataPageSize)
            {
                return fields;
            }
        }
    }
}
