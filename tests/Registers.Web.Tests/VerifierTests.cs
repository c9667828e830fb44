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

    [Fact]
    public async Task Every_prefix_of_a_register_is_consistent_with_its_checkpoint_and_a_changed_one_is_not()
    {
        var page = await browser.NewPageAsync(demo.Address);
        await page.OpenAsync("/ui/");

        var result = await page.EvaluateAsync<int[]>("""
            async () => {
              const { entryLeaf, equalBytes, leafHash, fromHashText, treeHash, verifyConsistency } = await import('/ui/merkle.js');
              const { readCheckpoint, readVerifierKey } = await import('/ui/note.js');
              const text = async path => (await fetch(path)).text();
              const json = async path => (await fetch(path)).json();
              const key = await readVerifierKey(await text('/.well-known/registers/log-key'));
              const checkpoint = await readCheckpoint(await text('/registers/country/checkpoint'), key);
              if (checkpoint.problem) throw new Error(checkpoint.problem);
              const size = checkpoint.size;
              const entries = await json('/registers/country/entries?start=1&limit=5000');
              const leaves = await Promise.all(entries.map(entry => leafHash(entryLeaf(entry))));
              let consistent = 0, changedRoot = 0, wrongSize = 0;
              for (let m = 1n; m < size; m++) {
                const root = await treeHash(leaves.slice(0, Number(m)));
                const proof = (await json(`/registers/country/proof/consistency/${m}/${size}/merkle:sha-256`))['merkle-consistency-nodes'].map(fromHashText);
                if (await verifyConsistency(m, size, root, checkpoint.root, proof)) consistent++;
                if (await verifyConsistency(m, size, root.map(b => b ^ 1), checkpoint.root, proof)) changedRoot++;
                if (m > 1n && await verifyConsistency(m - 1n, size, root, checkpoint.root, proof)) wrongSize++;
              }
              const whole = equalBytes(await treeHash(leaves), checkpoint.root) ? 1 : 0;
              return [Number(size), consistent, changedRoot, wrongSize, whole];
            }
            """);

        Assert.True(result[0] > 300, $"only {result[0]} entries were checked");
        Assert.Equal(result[0] - 1, result[1]);
        Assert.Equal(0, result[2]);
        Assert.Equal(0, result[3]);
        Assert.Equal(1, result[4]);
    }
}
