// One entry, with its proof status: the page checks, here in the browser, that the entry it shows is in the
// tree the latest signed checkpoint vouches for, that each item it shows is the one the entry names, and that its
// chain hash is the one the signed entries up to it make.
import { PlainError, getBytes, getJson, registerPath } from './api.js';
import { chainLimit, checkChain } from './chain.js';
import { CheckFailure, reading } from './check-failure.js';
import { details, h, isolate, itemsView, status, statusDetail, viewLink } from './dom.js';
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
  const { problem, chain } = await check(base, number, entry, items, checkpoint.checkpoint);
  return {
    title: `Entry ${entry['entry-number']} of ${isolate(name)}`,
    crumbs: [[{ register: name }, name], [{ register: name, key: entry.key }, entry.key], [{ register: name, entry: entry['entry-number'] }, `entry ${entry['entry-number']}`]],
    content: [
      h('h1', {}, `Entry ${entry['entry-number']}`),
      h('section', { 'aria-labelledby': 'proof-heading' },
        h('h2', { id: 'proof-heading' }, 'Proof'),
        problem
          ? status('proof-status', 'failed', `not verified: ${problem.message}`)
          : status('proof-status', 'verified', 'verified'),
        statusDetail('proof-detail', problem?.detail),
        h('p', { class: 'note' }, problem
          ? 'This page could not confirm that the register holds this entry as shown. Do not rely on it.'
          : `This entry, as shown, is entry ${entry['entry-number']} of the tree of ${checkpoint.checkpoint.size} entries that the checkpoint below is signed for.`)),
      details([
        ['Key', viewLink({ register: name, key: entry.key }, entry.key)],
        ['When', entry['entry-timestamp']],
      ]),
      h('p', { id: 'chain-hash', class: 'note' }, chainNote(chain, number), h('code', {}, entry['chain-hash'])),
      h('h2', {}, 'Items'),
      items.map(item => h('figure', {},
        h('figcaption', {}, h('code', {}, item.hash)),
        itemsView([JSON.parse(decoder.decode(item.bytes))]))),
      checkpointSection(checkpoint),
    ],
  };
}

/** What the page can say of the chain hash: `chain` is checked, failed, long (past what the page fetches) or unchecked. */
function chainNote(chain, number) {
  if (chain === 'checked') return `Chain hash, checked: it follows from entries 1 to ${number} of the signed tree. `;
  if (chain === 'failed') return 'Chain hash, as the server sent it (not verified: see the proof above): ';
  if (chain === 'long') return `Chain hash, as the server sent it (not checked: it follows from all ${number} entries up to this one, more than the ${chainLimit} this page fetches): `;
  return 'Chain hash, as the server sent it (not checked): ';
}

/** `problem` null when every check passes, else a CheckFailure saying what failed; and what became of the chain hash. */
async function check(base, number, entry, items, checkpoint) {
  try {
    if (checkpoint.problem) throw new CheckFailure(checkpoint.problem, checkpoint.detail);
    if (entry['entry-number'] !== number) throw new CheckFailure(`the server sent entry ${entry['entry-number']} when asked for entry ${number}`);
    for (const item of items) {
      if (!equalBytes(await sha256(item.bytes), fromHashText(item.hash))) throw new CheckFailure(`item ${item.hash} is not the item the entry names`);
    }
    const position = BigInt(number);
    if (position > checkpoint.size) throw new CheckFailure(`the checkpoint is of ${checkpoint.size} entries, fewer than this entry's number`);
    const leaf = await reading('this entry', () => leafHash(entryLeaf(entry)));
    const path = await reading('the inclusion proof',
      async () => (await getJson(`${base}/proof/entry/${position}/${checkpoint.size}/merkle:sha-256`))['merkle-audit-path'].map(fromHashText));
    if (!await verifyInclusion(position - 1n, checkpoint.size, leaf, path, checkpoint.root)) {
      throw new CheckFailure('the inclusion proof does not lead from this entry to the checkpoint\'s root',
        `The entry's leaf hash is sha-256:${toHex(leaf)}; the checkpoint's root is sha-256:${toHex(checkpoint.root)}, of ${checkpoint.size} entries.`);
    }
  } catch (error) {
    return { problem: asFailure(error), chain: 'unchecked' };
  }
  try {
    return { problem: null, chain: await checkChain(base, entry, checkpoint) ? 'checked' : 'long' };
  } catch (error) {
    return { problem: asFailure(error), chain: 'failed' };
  }
}

// A check's own failures say what failed; anything else the server sent broke a check in a way the page did not foresee.
const asFailure = error => error instanceof CheckFailure ? error : new CheckFailure('the server\'s answers could not be checked', error.message);
