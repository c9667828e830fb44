using System.Text;
using System.Text.Json;
using Npgsql;
using Registers.Protocol.Checkpoints;
using Registers.Protocol.HttpSignatures;
using Registers.Server.Tests.Support;
using Registers.Server.Tests.Writes;

namespace Registers.Server.Tests.Signatures;

public sealed class SignedWriteTests(PostgresCluster cluster) : IAsyncLifetime
{
    private RunningServer _server = null!;
    private SignerKey _custodian = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await RunningServer.StartAsync(cluster, new Dictionary<string, string?> { ["Registers:WritesPerMinute"] = "40", ["Registers:MaxEntriesPerWrite"] = "5" });
        (await _server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition)).EnsureSuccessStatusCode();
        _custodian = SignerKey.Generate("custodian.test/alice");
        (await _server.Client.PutAsJsonAsync("/registers/country/custodian-keys", new { key = _custodian.VerifierKey.ToString() })).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        _custodian.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_custodian_signed_append_is_accepted_and_the_log_keeps_who_signed_it()
    {
        using var client = _server.NewClient(_custodian);

        var response = await client.PostAsJsonAsync("/registers/country/entries", Entries(("GB", "United Kingdom")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await StoredSignatureAsync(1);
        Assert.Equal(HttpSignatureKeyIds.Of(_custodian.VerifierKey), stored.KeyId);

        // An auditor rebuilds the signed request from what the log kept and checks it with the key the register lists.
        var parts = new HttpRequestParts(stored.Method, stored.TargetUri, stored.Fields);
        var check = new HttpSignatureVerifier([_custodian.VerifierKey], HttpSignaturePolicy.CustodianWrites with { MaxAge = TimeSpan.FromDays(3650) })
            .Verify(parts, stored.SignatureInput, stored.Signature, DateTimeOffset.UtcNow);
        Assert.True(check.IsVerified, check.Detail);
    }

    [Fact]
    public async Task Each_kind_of_bad_signature_is_refused_with_401_and_says_why()
    {
        using var anonymous = _server.NewClient();
        var unsigned = await anonymous.PostAsJsonAsync("/registers/country/entries", Entries(("FR", "France")));
        await AssertProblemAsync(unsigned, HttpStatusCode.Unauthorized, "signed");

        var stranger = SignerKey.Generate("custodian.test/mallory");
        using var strangerClient = _server.NewClient(stranger);
        await AssertProblemAsync(await strangerClient.PostAsJsonAsync("/registers/country/entries", Entries(("FR", "France"))), HttpStatusCode.Unauthorized, "key");

        var expired = await SendAsync(Signed(Entries(("FR", "France")), created: DateTimeOffset.UtcNow.AddMinutes(-10)));
        await AssertProblemAsync(expired, HttpStatusCode.Unauthorized, "old");

        var tamperedBody = Signed(Entries(("FR", "France")));
        var body = await tamperedBody.Content!.ReadAsByteArrayAsync();
        tamperedBody.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("France", "Frankia", StringComparison.Ordinal)))
        {
            Headers = { ContentType = new("application/json") },
        };
        Assert.Equal(ContentDigest.Of(body), tamperedBody.Headers.GetValues("Content-Digest").Single()); // still the signed digest, of the original body
        await AssertProblemAsync(await SendAsync(tamperedBody), HttpStatusCode.Unauthorized, "altered");

        var tamperedPath = Signed(Entries(("FR", "France")));
        tamperedPath.RequestUri = new Uri(_server.Address, "/registers/country/entries?x=1");
        await AssertProblemAsync(await SendAsync(tamperedPath), HttpStatusCode.Unauthorized, "signature");

        Assert.Equal(0, await _server.Client.UserSizeAsync("country"));
    }

    [Fact]
    public async Task An_rsf_load_whose_body_was_altered_in_flight_commits_nothing()
    {
        const string Rsf = "add-item\t{\"name\":\"spare\"}\nappend-entry\tsystem\tname\t2020-01-01T00:00:00Z\tsha-256:9e1b9c6ab0bd1e1d7a0a8ea8a4bd3bce4c1c7f3a0fbeb6c7fa7f9a1b9b4d3c2e\n";
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.Address, "/registers/spare/rsf"))
        {
            Content = new StringContent(Rsf, Encoding.UTF8, "application/uk-gov-rsf"),
        };
        await SigningHandler.SignAsync(request, _server.AdminKey, DateTimeOffset.UtcNow);
        request.Content = new StringContent(Rsf.Replace("spare", "sparx", StringComparison.Ordinal), Encoding.UTF8, "application/uk-gov-rsf");
        request.Content.Headers.ContentType!.CharSet = null; // the signed Content-Digest stays, now of another body

        await AssertProblemAsync(await SendAsync(request), HttpStatusCode.Unauthorized, "altered");
        Assert.Equal(HttpStatusCode.NotFound, (await _server.Client.GetAsync("/registers/spare/checkpoint")).StatusCode);
    }

    [Fact]
    public async Task A_replayed_request_is_refused()
    {
        var request = Signed(Entries(("DE", "Germany")));
        var replay = await CapturedRequest.CopyAsync(request);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(request)).StatusCode);
        await AssertProblemAsync(await SendAsync(replay), HttpStatusCode.Unauthorized, "already used");
        Assert.Equal(1, await _server.Client.UserSizeAsync("country"));
    }

    [Fact]
    public async Task A_request_captured_before_a_restart_is_refused_after_it_and_rewinds_nothing()
    {
        // Captured on the wire as it went: accepted once, then sent again, byte for byte, to the restarted server within
        // the signature's max age; the restart lost the signatures the server had seen.
        var request = Signed(Entries(("DE", "Germany")));
        var captured = await CapturedRequest.CopyAsync(request);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(request)).StatusCode);
        using (var alice = _server.NewClient(_custodian))
        {
            Assert.Equal(HttpStatusCode.OK, (await alice.PostAsJsonAsync("/registers/country/entries", Entries(("DE", "Deutschland")))).StatusCode);
        }

        // created counts whole seconds and the start is rounded down: a restart in the second of the signature could not tell.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        _server = await _server.RestartAsync();

        await AssertProblemAsync(await SendAsync(captured), HttpStatusCode.Unauthorized, "signed before the server started: sign it again");
        Assert.Equal(2, await _server.Client.UserSizeAsync("country"));
        var record = await _server.Client.GetFromJsonAsync<JsonElement>("/registers/country/records/DE");
        Assert.Equal("Deutschland", record.GetProperty("DE").GetProperty("item")[0].GetProperty("name").GetString());

        using var signedAfresh = _server.NewClient(_custodian);
        Assert.Equal(HttpStatusCode.OK, (await signedAfresh.PostAsJsonAsync("/registers/country/entries", Entries(("DE", "Germany")))).StatusCode);
        Assert.Equal(3, await _server.Client.UserSizeAsync("country"));
    }

    [Fact]
    public async Task A_revoked_key_and_a_key_of_another_register_are_refused_with_403_and_a_register_that_does_not_exist_is_404()
    {
        var bob = SignerKey.Generate("custodian.test/bob");
        (await _server.Client.PutAsJsonAsync("/registers/country/custodian-keys", new { key = bob.VerifierKey.ToString() })).EnsureSuccessStatusCode();
        using var bobClient = _server.NewClient(bob);
        Assert.Equal(HttpStatusCode.OK, (await bobClient.PostAsJsonAsync("/registers/country/entries", Entries(("ES", "Spain")))).StatusCode);

        var revoke = await _server.Client.DeleteAsync($"/registers/country/custodian-keys/{Uri.EscapeDataString(HttpSignatureKeyIds.Of(bob.VerifierKey))}");
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        await AssertProblemAsync(await bobClient.PostAsJsonAsync("/registers/country/entries", Entries(("PT", "Portugal"))), HttpStatusCode.Forbidden, "revoked");

        using var alice = _server.NewClient(_custodian);
        (await _server.Client.PostAsJsonAsync("/registers", CreateAndAppendTests.DefinitionOf("territory"))).EnsureSuccessStatusCode();
        await AssertProblemAsync(await alice.PostAsJsonAsync("/registers/territory/entries", Entries(("GB", "x"))), HttpStatusCode.Forbidden, "not listed");
        await AssertProblemAsync(await alice.PostAsJsonAsync("/registers/terirtory/entries", Entries(("GB", "x"))), HttpStatusCode.NotFound, "no register named 'terirtory'");
        await AssertProblemAsync(await alice.PostAsJsonAsync("/registers", CreateAndAppendTests.CountryDefinition), HttpStatusCode.Forbidden, "admin");

        // The key's whole history is in the provable system log: added, then revoked.
        var keyEntries = await ScalarAsync<long>("SELECT count(*) FROM registers.entries WHERE register = 'country' AND log = 1 AND key LIKE 'custodian-key:%'");
        Assert.Equal(3, keyEntries); // alice added; bob added; bob revoked
    }

    [Fact]
    public async Task A_batch_retried_after_a_dropped_response_is_appended_once()
    {
        using var alice = _server.NewClient(_custodian);
        HttpRequestMessage Write()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/registers/country/entries") { Content = JsonContent.Create(Entries(("IT", "Italy"), ("IE", "Ireland"))) };
            request.Headers.Add("Idempotency-Key", "load-1-batch-7");
            request.Headers.TryAddWithoutValidation("If-Match", "\"size-0\"");
            return request;
        }

        var first = await alice.SendAsync(Write());
        var retry = await alice.SendAsync(Write()); // as if the first response had been lost

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var (a, b) = ((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user"), (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user"));
        Assert.Equal((1L, 2L), (a.GetProperty("first-entry").GetInt64(), a.GetProperty("last-entry").GetInt64()));
        Assert.Equal(a.ToString(), b.ToString());
        Assert.Equal(2, await _server.Client.UserSizeAsync("country"));
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/registers/country/writes/load-1-batch-7")).StatusCode);
    }

    [Fact]
    public async Task A_write_that_states_a_size_the_log_no_longer_has_is_412()
    {
        using var alice = _server.NewClient(_custodian);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/registers/country/entries") { Content = JsonContent.Create(Entries(("NL", "Netherlands"))) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"size-5\"");

        await AssertProblemAsync(await alice.SendAsync(request), HttpStatusCode.PreconditionFailed, "has 0");
    }

    [Fact]
    public async Task Limits_answer_413_and_429_with_retry_after()
    {
        using var alice = _server.NewClient(_custodian);
        var tooMany = Entries(("A1", "a"), ("A2", "b"), ("A3", "c"), ("A4", "d"), ("A5", "e"), ("A6", "f"));
        var tooLarge = await AssertProblemAsync(await alice.PostAsJsonAsync("/registers/country/entries", tooMany), HttpStatusCode.RequestEntityTooLarge, "at most 5");
        tooLarge.AssertWhole(413);

        HttpResponseMessage? limited = null;
        for (var i = 0; i < 60 && limited is null; i++)
        {
            var response = await alice.GetAsync("/registers/country/writes/none"); // reads are not limited
            Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
            var write = await alice.PostAsJsonAsync("/registers/country/entries", Entries(($"K{i}", "x")));
            limited = write.StatusCode == HttpStatusCode.TooManyRequests ? write : null;
        }

        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var problem = await limited.AssertProblemAsync(429, null);
        problem.AssertWhole(429);
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_query_the_signature_does_not_cover_is_refused()
    {
        // Signed over "@path" alone, for the plain load; "?lenient=true" added on the way would change what the load may do.
        var body = "add-item\t{\"country\":\"DE\",\"name\":\"Germany\"}\n"u8.ToArray();
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.Address, "/registers/country/rsf?lenient=true")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/uk-gov-rsf");
        var digest = ContentDigest.Of(body);
        request.Headers.TryAddWithoutValidation("Content-Digest", digest);
        var parts = new HttpRequestParts("POST", _server.Address + "registers/country/rsf", [KeyValuePair.Create("content-digest", digest)]);
        var signature = HttpMessageSigner.Sign(parts, new SignatureParameters
        {
            Components = ["@method", "@path", "content-digest"],
            Created = DateTimeOffset.UtcNow,
            Nonce = "query-not-covered",
        }, _custodian);
        request.Headers.TryAddWithoutValidation("Signature-Input", signature.SignatureInput);
        request.Headers.TryAddWithoutValidation("Signature", signature.Signature);

        await AssertProblemAsync(await SendAsync(request), HttpStatusCode.Unauthorized, "must cover @query");
    }

    private static object Entries(params (string Code, string Name)[] countries) =>
        new { entries = countries.Select(c => new { key = c.Code, item = new { country = c.Code, name = c.Name } }).ToArray() };

    private HttpRequestMessage Signed(object body, DateTimeOffset? created = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.Address, "/registers/country/entries")) { Content = JsonContent.Create(body) };
        SigningHandler.SignAsync(request, _custodian, created ?? DateTimeOffset.UtcNow).GetAwaiter().GetResult();
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using var raw = _server.NewClient();
        return await raw.SendAsync(request);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        Assert.True(status == response.StatusCode, $"expected {status} ({detailContains}), got {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(detailContains, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        return problem;
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<StoredSignature> StoredSignatureAsync(long userEntry)
    {
        var json = await ScalarAsync<string>($"SELECT signature::text FROM registers.writes WHERE register = 'country' AND user_first <= {userEntry} AND user_last >= {userEntry}");
        return JsonSerializer.Deserialize<StoredSignature>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    private sealed record StoredSignature(string KeyId, string Method, string TargetUri, string SignatureInput, string Signature, Dictionary<string, string> Fields);
}
