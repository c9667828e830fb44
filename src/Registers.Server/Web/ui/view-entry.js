// One entry, with its proof status: the page checks, here in the browser, that the entry it shows is in the
// tree the latest signed checkpoint vouches for, and that each item it shows is the one the entry names.
import { PlainError, getBytes, getJson, registerPath } from './api.js';
import { details, h, isolate, itemsView, status, viewLink } from './dom.js';
import { entryLeaf, equalBytes, fromHashText, leafHash, sha256, toHex, verifyInclusion } from './merkle.js';
import { checkpointSection, latestCheckpoint } from './view-checkpoint.js';

const decoder = new TextDecoder();

export async function entryView(name, number) {
  // Checked before it is fetched: "1.csv" would be read as entry 1 in CSV, ".." as a move up the path.
  if (!/^[1-9]\d*$/.test(number)) throw new PlainError(`'${number}' is not an entry number: entries are numbered from 1.`);
  const base = registerPath(name);
  const [entry] = await getJson(`${base}/entries/${number}`);
  const items = await Promise.all(entry['item-hash'].map(async hash => ({ hash, bytes: await getBytes(`${base}/items/${hash}`) })));
  const checkpoint = await latestCheckpoint(name);
  const problem = await proofProblem(base, number, entry, items, checkpoint.checkpoint);
  return {
    title: `Entry ${entry['entry-number']} of ${isolate(name)}`,
    crumbs: [[{ register: name }, name], [{ register: name, key: entry.key }, entry.key], [{ register: name, entry: entry['entry-number'] }, `entry ${entry['entry-number']}`]],
    content: [
      h('h1', {}, `Entry ${entry['entry-number']}`),
      h('section', { 'aria-labelledby': 'proof-heading' },
        h('h2', { id: 'proof-heading' }, 'Proof'),
        problem
          ? status('proof-status', 'failed', `not verified: ${problem}`)
          : status('proof-status', 'verified', 'verified'),
        h('p', { class: 'note' }, problem
          ? 'This page could not confirm that the register holds this entry as shown. Do not rely on it.'
          : `This entry, as shown, is entry ${entry['entry-number']} of the tree of ${checkpoint.checkpoint.size} entries that the checkpoint below is signed for.`)),
      details([
        ['Key', viewLink({ register: name, key: entry.key }, entry.key)],
        ['When', entry['entry-timestamp']],
      ]),
      // The chain hash follows from every earlier entry, which this page does not fetch: it is shown apart, unchecked.
      h('p', { id: 'chain-hash', class: 'note' }, 'Chain hash, as the server sent it (not checked by this page): ', h('code', {}, entry['chain-hash'])),
      h('h2', {}, 'Items'),
      items.map(item => h('figure', {},
        h('figcaption', {}, h('code', {}, item.hash)),
        itemsView([JSON.parse(decoder.decode(item.bytes))]))),
      checkpointSection(checkpoint),
    ],
  };
}

/** Null when every check passes; otherwise what failed, in words. */
async function proofProblem(base, number, entry, items, checkpoint) {
  try {
    if (checkpoint.problem) return checkpoint.problem;
    if (entry['entry-number'] !== number) return `the server sent entry ${entry['entry-number']} when asked for entry ${number}`;
    for (const item of items) {
      if (!equalBytes(await sha256(item.bytes), fromHashText(item.hash))) return `item ${item.hash} is not the item the entry names`;
    }
    const position = BigInt(number);
    if (position > checkpoint.size) return `the checkpoint is of ${checkpoint.size} entries, fewer than this entry's number`;
    const leaf = await leafHash(entryLeaf(entry));
    const proof = await getJson(`${base}/proof/entry/${position}/${checkpoint.size}/merkle:sha-256`);
    const path = proof['merkle-audit-path'].map(fromHashText);
    return await verifyInclusion(position - 1n, checkpoint.size, leaf, path, checkpoint.root)
      ? null
      : `the inclusion proof does not lead from this entry (leaf sha-256:${toHex(leaf)}) to the checkpoint's root`;
  } catch (error) {
    return error.message;
  }
}
