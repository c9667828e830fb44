// Whether an entry, as the page shows it, is in the tree the latest signed checkpoint vouches for: each item it shows
// is the one the entry names, and its inclusion proof leads from the leaf rebuilt from it to the checkpoint's root.
// Shared by the views that show entries, so each says "verified" for the same reasons.
import { getBytes, getJson } from './api.js';
import { CheckFailure, reading } from './check-failure.js';
import { counted } from './dom.js';
import { entryLeaf, equalBytes, fromHashText, leafHash, sha256, toHex, verifyInclusion } from './merkle.js';

const decoder = new TextDecoder();

/** The items `entry` names, as the server sent them: each its hash and its bytes (hashed as sent, never re-serialised). */
export const itemsOf = (base, entry) =>
  Promise.all(entry['item-hash'].map(async hash => ({ hash, bytes: await getBytes(`${base}/items/${hash}`) })));

/** An item's fields, read from its bytes. */
export const fieldsOf = item => JSON.parse(decoder.decode(item.bytes));

/**
 * Checks `entry` and its `items` (from itemsOf) against `checkpoint` (from latestCheckpoint); `mismatch` says how the
 * entry is not the one the view asked for, when it is not. Throws a CheckFailure saying what failed.
 */
export async function checkInclusion(base, entry, items, checkpoint, mismatch = null) {
  if (checkpoint.problem) throw new CheckFailure(checkpoint.problem, checkpoint.detail);
  if (mismatch) throw new CheckFailure(mismatch);
  for (const item of items) {
    if (!equalBytes(await sha256(item.bytes), fromHashText(item.hash))) throw new CheckFailure(`item ${item.hash} is not the item the entry names`);
  }
  const position = await reading('this entry', async () => BigInt(entry['entry-number']));
  if (position > checkpoint.size) throw new CheckFailure(`the checkpoint is of ${counted(checkpoint.size, 'entry', 'entries')}, fewer than this entry's number`);
  const leaf = await reading('this entry', () => leafHash(entryLeaf(entry)));
  const path = await reading('the inclusion proof',
    async () => (await getJson(`${base}/proof/entry/${position}/${checkpoint.size}/merkle:sha-256`))['merkle-audit-path'].map(fromHashText));
  if (!await verifyInclusion(position - 1n, checkpoint.size, leaf, path, checkpoint.root)) {
    throw new CheckFailure('the inclusion proof does not lead from this entry to the checkpoint\'s root',
      `The entry's leaf hash is sha-256:${toHex(leaf)}; the checkpoint's root is sha-256:${toHex(checkpoint.root)}, of ${counted(checkpoint.size, 'entry', 'entries')}.`);
  }
}

/** What `check()` found wrong, as a CheckFailure; null when it passes. */
export async function failureOf(check) {
  try {
    await check();
    return null;
  } catch (error) {
    return asFailure(error);
  }
}

// A check's own failures say what failed; anything else the server sent broke a check in a way the page did not foresee.
export const asFailure = error => error instanceof CheckFailure ? error : new CheckFailure('the server\'s answers could not be checked', error.message);
