using Registers.Web.Tests.Support;

namespace Registers.Web.Tests;

/// <summary>
/// The page's own verification code (<c>/ui/merkle.js</c>, <c>/ui/note.js</c>), run in the browser against the server's
/// proofs for every entry of a register: every proof of every position and size the register has verifies, and a
/// proof checked for the wrong entry or against the wrong root does not.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class VerifierTests(Browser browser, DemoServer demo)
{
    [Theory]
    [InlineData("country")]
    [InlineData("vehicle")]
    public async Task Every_entry_of_a_register_verifies_against_its_checkpoint_and_not_as_another_entry(string register)
    {
        var page = await browser.NewPageAsync(demo.Address);
        await page.OpenAsync("/ui/");

        var result = await page.EvaluateAsync<int[]>("""
            async register => {
              const { entryLeaf, leafHash, fromHashText, verifyInclusion } = await import('/ui/merkle.js');
              const { readCheckpoint, readVerifierKey } = await import('/ui/note.js');
              const text = async path => (await fetch(path)).text();
              const json = async path => (await fetch(path)).json();
              const key = await readVerifierKey(await text('/.well-known/registers/log-key'));
              const checkpoint = await readCheckpoint(await text(`/registers/${register}/checkpoint`), key);
              if (checkpoint.problem) throw new Error(checkpoint.problem);
              const size = checkpoint.size;
              const entries = await json(`/registers/${register}/entries?start=1&limit=5000`);
              let verified = 0, wrongEntry = 0, wrongRoot = 0;
              const otherRoot = checkpoint.root.map(b => b ^ 1);
              for (const entry of entries) {
                const n = BigInt(entry['entry-number']);
                const path = (await json(`/registers/${register}/proof/entry/${n}/${size}/merkle:sha-256`))['merkle-audit-path'].map(fromHashText);
                const leaf = await leafHash(entryLeaf(entry));
                if (await verifyInclusion(n - 1n, size, leaf, path, checkpoint.root)) verified++;
                if (await verifyInclusion(n % size, size, leaf, path, checkpoint.root)) wrongEntry++;
                if (await verifyInclusion(n - 1n, size, leaf, path, otherRoot)) wrongRoot++;
              }
              return [entries.length, Number(size), verified, wrongEntry, wrongRoot];
            }
            """, register);

        Assert.True(result[0] > 300, $"only {result[0]} entries were checked");
        Assert.Equal(result[1], result[0]);
        Assert.Equal(result[0], result[2]);
        Assert.Equal(0, result[3]);
        Assert.Equal(0, result[4]);
    }
}
