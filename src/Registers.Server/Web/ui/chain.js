// The chain hash an entry carries: SHA-256 of the chain hash before it and its own leaf hash, from 32 zero bytes
// before entry 1. It follows from every entry up to it, so the page fetches entries 1 to n, checks that they are the
// first n leaves of the signed tree (their tree hash, and a consistency proof to the checkpoint's tree), and then
// recomputes the chain along them: a server cannot name a chain hash its signed entries do not make.
import { getJson } from './api.js';
import { CheckFailure, reading } from './check-failure.js';
import { counted, isolate } from './dom.js';
import { concat, entryLeaf, equalBytes, fromHashText, leafHash, sha256, toHex, treeHash, verifyConsistency } from './merkle.js';

/** The most entries the page fetches to check a chain hash: two of the server's largest pages. */
export const chainLimit = 10000;
const pageLimit = 5000;
const genesis = new Uint8Array(32);

/**
 * Checks `entry`'s chain hash against the tree `checkpoint` signs (of at least the entry's number of entries). Returns
 * true when it holds, false when the entry is past `chainLimit` and is left unchecked; throws a CheckFailure otherwise.
 */
export async function checkChain(base, entry, checkpoint) {
  const count = Number(entry['entry-number']);
  if (count > chainLimit) return false;
  const entries = await reading(upTo(count), () => entriesUpTo(base, count));
  const leaves = await reading(upTo(count), () => Promise.all(entries.map(one => leafHash(entryLeaf(one)))));

  const size = BigInt(count);
  const root = await treeHash(leaves);
  const signed = size === checkpoint.size
    ? equalBytes(root, checkpoint.root)
    : await verifyConsistency(size, checkpoint.size, root, checkpoint.root, await reading('the consistency proof',
      async () => (await getJson(`${base}/proof/consistency/${size}/${checkpoint.size}/merkle:sha-256`))['merkle-consistency-nodes'].map(fromHashText)));
  if (!signed) {
    const one = count === 1;
    const how = size === checkpoint.size ? 'which is not' : 'which no consistency proof leads to';
    throw new CheckFailure(`${upTo(count)}, as the server lists ${one ? 'it, is not that' : 'them, are not those'} of the signed tree`,
      `${one ? 'Its' : 'Their'} tree hash is sha-256:${toHex(root)}, ${how} the root sha-256:${toHex(checkpoint.root)} of the checkpoint of ${counted(checkpoint.size, 'entry', 'entries')}.`);
  }

  let chain = genesis;
  for (let i = 0; i < count; i++) {
    chain = await sha256(concat(chain, leaves[i]));
    // The last is claimed twice: in the list, and by the entry shown.
    const claims = i === count - 1 ? [entries[i]['chain-hash'], entry['chain-hash']] : [entries[i]['chain-hash']];
    const wrong = claims.find(claim => claim !== `sha-256:${toHex(chain)}`);
    if (wrong !== undefined) {
      const make = i === 0 ? 'makes' : 'make';
      throw new CheckFailure(`the chain hash of entry ${i + 1} is not the one ${upTo(i + 1)} ${make}`,
        `${capitalised(upTo(i + 1))} ${make} sha-256:${toHex(chain)}; the server sent ${isolate(wrong)}.`);
    }
  }
  return true;
}

/** Entries 1 to `count`, a page at a time, each checked to be the entry of its place. */
async function entriesUpTo(base, count) {
  const entries = [];
  for (let start = 1; start <= count; start += pageLimit) {
    entries.push(...await getJson(`${base}/entries?start=${start}&limit=${Math.min(pageLimit, count - start + 1)}`));
  }
  entries.forEach((one, i) => {
    if (one['entry-number'] !== String(i + 1)) throw new Error(`the list's entry ${i + 1} is numbered '${isolate(one['entry-number'])}'`);
  });
  if (entries.length !== count) throw new Error(`the list holds ${counted(entries.length, 'entry', 'entries')}, not ${count}`);
  return entries;
}

/** Entries 1 to `count` in words: "entry 1" when it is one. */
const upTo = count => count === 1 ? 'entry 1' : `entries 1 to ${count}`;
const capitalised = text => text[0].toUpperCase() + text.slice(1);
