// One entry, with its proof status: the page checks, here in the browser, that the entry it shows is in the
// tree the latest signed checkpoint vouches for, that each item it shows is the one the entry names, and that its
// chain hash is the one the signed entries up to it make.
import { PlainError, getJson, registerPath } from './api.js';
import { chainLimit, checkChain } from './chain.js';
import { bdi, counted, details, h, isolate, itemsView, status, statusDetail, titleText, viewLink } from './dom.js';
import { asFailure, checkInclusion, failureOf, fieldsOf, itemsOf } from './entry-proof.js';
import { referenceFields } from './reference-fields.js';
import { checkpointSection, latestCheckpoint } from './view-checkpoint.js';

export async function entryView(name, number) {
  // Checked before it is fetched: "1.csv" would be read as entry 1 in CSV, ".." as a move up the path.
  if (!/^[1-9]\d*$/.test(number)) throw new PlainError(`'${number}' is not an entry number: entries are numbered from 1.`);
  const base = registerPath(name);
  const [entry] = await getJson(`${base}/entries/${number}`);
  const items = await itemsOf(base, entry);
  const [checkpoint, references] = await Promise.all([latestCheckpoint(name), referenceFields(name)]);
  const { problem, chain } = await check(base, number, entry, items, checkpoint.checkpoint);
  // The number as the server sent it, which a lying server makes other than the one asked for: isolated among the page's words.
  const sent = entry['entry-number'];
  return {
    title: `Entry ${titleText(sent)} of ${titleText(name)}`,
    crumbs: [[{ register: name }, name], [{ register: name, key: entry.key }, entry.key], [{ register: name, entry: sent }, ['entry ', bdi(sent)]]],
    content: [
      h('h1', {}, 'Entry ', bdi(sent)),
      h('section', { 'aria-labelledby': 'proof-heading' },
        h('h2', { id: 'proof-heading' }, 'Proof'),
        problem
          ? status('proof-status', 'failed', `not verified: ${problem.message}`)
          : status('proof-status', 'verified', 'verified'),
        statusDetail('proof-detail', problem?.detail),
        h('p', { class: 'note' }, problem
          ? 'This page could not confirm that the register holds this entry as shown. Do not rely on it.'
          // Said only when verified: the entry is then the one asked for, whose number the page checked is digits.
          : `This entry, as shown, is entry ${number} of the tree of ${counted(checkpoint.checkpoint.size, 'entry', 'entries')} that the checkpoint below is signed for.`)),
      details([
        ['Key', viewLink({ register: name, key: entry.key }, entry.key)],
        ['When', entry['entry-timestamp']],
      ]),
      h('p', { id: 'chain-hash', class: 'note' }, chainNote(chain, number), h('code', {}, entry['chain-hash'])),
      h('h2', {}, 'Items'),
      items.map(item => h('figure', {},
        h('figcaption', {}, h('code', {}, item.hash)),
        itemsView([fieldsOf(item)], references))),
      checkpointSection(checkpoint),
    ],
  };
}

/** What the page can say of the chain hash: `chain` is checked, failed, long (past what the page fetches) or unchecked. */
function chainNote(chain, number) {
  if (chain === 'checked') return `Chain hash, checked: it follows from ${number === '1' ? 'entry 1' : `entries 1 to ${number}`} of the signed tree. `;
  if (chain === 'failed') return 'Chain hash, as the server sent it (not verified: see the proof above): ';
  if (chain === 'long') return `Chain hash, as the server sent it (not checked: it follows from all ${number} entries up to this one, more than the ${chainLimit} this page fetches): `;
  return 'Chain hash, as the server sent it (not checked): ';
}

/** `problem` null when every check passes, else a CheckFailure saying what failed; and what became of the chain hash. */
async function check(base, number, entry, items, checkpoint) {
  const mismatch = entry['entry-number'] === number ? null : `the server sent entry ${isolate(entry['entry-number'])} when asked for entry ${number}`;
  const problem = await failureOf(() => checkInclusion(base, entry, items, checkpoint, mismatch));
  if (problem) return { problem, chain: 'unchecked' };
  try {
    return { problem: null, chain: await checkChain(base, entry, checkpoint) ? 'checked' : 'long' };
  } catch (error) {
    return { problem: asFailure(error), chain: 'failed' };
  }
}
