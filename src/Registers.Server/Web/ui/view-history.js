// A record's history: every entry of its key, oldest first, with the items each one gave it, a page at a time; each
// entry's proof is checked here in the browser against the latest signed checkpoint, as an entry's own page checks it.
import { ApiError, PlainError, getPage, registerPath, segment } from './api.js';
import { bdi, counted, h, isolate, itemsView, pager, rowStatus, status, statusDetail, table, titleText, viewLink } from './dom.js';
import { checkInclusion, failureOf, fieldsOf, itemsOf } from './entry-proof.js';
import { fewAtOnce } from './few-at-once.js';
import { referenceFields } from './reference-fields.js';
import { checkpointSection, latestCheckpoint } from './view-checkpoint.js';

const shown = 100;
// A page's rows ask for their items, then their proofs, this many at a time: a hundred requests at once would time
// out on a busy server (see few-at-once.js), and a few keep it busy enough.
const rowsAtOnce = 4;

export async function historyView(name, key, page) {
  // Asked for as it stands, no key would be the path "records//entries", which the server serves nothing at.
  if (key === '') throw new PlainError('No record was named: the address\'s key= is empty. Search the register for a record, then open its history.');
  const base = registerPath(name);
  const [{ body: entries, next, unknown }, checkpoint, references] = await Promise.all([
    historyPage(base, key, page), latestCheckpoint(name), referenceFields(name)]);
  if (unknown) return unknownKey(name, key);
  const inTurn = fewAtOnce(rowsAtOnce);
  const items = await Promise.all(entries.map(entry => inTurn(() => itemsOf(base, entry))));
  // Shown before the proofs are checked (a page of them takes a hundred requests more); each row's status follows.
  const summary = status('history-status', 'checking', 'Checking each entry\'s proof…');
  const proofs = entries.map((entry, i) => proofCell(inTurn, base, key, entry, items[i], checkpoint.checkpoint));
  summarise(summary, proofs);
  return {
    title: `${titleText(key)} in ${titleText(name)}`,
    crumbs: [[{ register: name }, name], [{ register: name, key }, key]],
    content: [
      h('h1', {}, 'History of ', bdi(key)),
      h('p', {}, howMany(entries.length, page, next), ' in the register \'', bdi(name), '\', oldest first.'),
      entries.length === 0 ? null : [
        summary,
        table(['Entries of ', bdi(key)], ['Entry', 'When', 'Item', 'Proof'], entries.map((entry, i) => [
          viewLink({ register: name, entry: entry['entry-number'] }, ['Entry ', bdi(entry['entry-number'])]),
          entry['entry-timestamp'],
          itemsView(items[i].map(fieldsOf), references),
          proofs[i].cell,
        ])),
        // The chain hash follows from every entry before it: fetching them all for each row would cost too much.
        h('p', { id: 'history-note', class: 'note' },
          'Each entry, as shown, is checked in your browser to be in the tree the checkpoint below is signed for. ',
          'Its chain hash, not shown here, is checked on its own page.'),
      ],
      pager({ register: name, key }, page, next, entries.length === 0),
      entries.length === 0 ? null : checkpointSection(checkpoint),
    ],
  };
}

/**
 * A row's proof status, checking at first; `problem` settles to what failed (null when nothing did) once it is checked,
 * when `inTurn` (from fewAtOnce) runs the check.
 */
function proofCell(inTurn, base, key, entry, items, checkpoint) {
  const cell = h('div', {}, rowStatus('checking', 'checking…'));
  // A history that lists another key's entry would show it as this key's, and its proof would still hold. The keys are
  // isolated: the message is plain text, where a right-to-left key would reorder the words around it.
  const mismatch = entry.key === key ? null : `the server listed an entry of '${isolate(entry.key)}' in the history of '${isolate(key)}'`;
  const problem = failureOf(() => inTurn(() => checkInclusion(base, entry, items, checkpoint, mismatch))).then(found => {
    cell.replaceChildren(...(found
      ? [rowStatus('failed', `not verified: ${found.message}`), statusDetail(`proof-detail-${entry['entry-number']}`, found.detail)]
      : [rowStatus('verified', 'verified')]).filter(Boolean));
    return found;
  });
  return { cell, problem };
}

/** Says on `line`, once every row is checked, how many of them are verified. */
async function summarise(line, proofs) {
  const failed = (await Promise.all(proofs.map(proof => proof.problem))).filter(Boolean).length;
  const state = failed === 0 ? 'verified' : 'failed';
  line.className = `status ${state}`;
  line.dataset.state = state;
  line.textContent = failed === 0
    ? `${proofs.length === 1 ? 'The entry' : `All ${proofs.length} entries`} on this page verified.`
    : `${failed} of ${counted(proofs.length, 'entry', 'entries')} on this page not verified.`;
}

/**
 * One page of the key's entries. A page past the last holds none, and is said to; a key the register does not hold
 * is `unknown`, on any page (the server tells them apart by the problem's title).
 */
async function historyPage(base, key, page) {
  try {
    return await getPage(`${base}/records/${segment(key)}/entries?page-index=${page}&page-size=${shown}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.title === 'Unknown record') return { body: [], next: false, unknown: true };
    if (page > 1 && error instanceof ApiError && error.status === 404) return { body: [], next: false };
    throw error;
  }
}

/** The view of a key the register does not hold: no pages to move between, and the way to find one it does. */
const unknownKey = (name, key) => ({
  title: `${titleText(key)} in ${titleText(name)}`,
  crumbs: [[{ register: name }, name], [{ register: name, key }, key]],
  content: [
    h('h1', {}, 'History of ', bdi(key)),
    h('p', { id: 'no-entries' }, 'The register \'', bdi(name), '\' has no record \'', bdi(key), '\'.'),
    h('p', {}, viewLink({ register: name }, 'Search its records'), ' for the one you want.'),
  ],
});

/** Which of the key's entries this page holds: all of them when it is the only page. */
function howMany(count, page, next) {
  const first = (page - 1) * shown + 1;
  if (page === 1 && !next) return counted(count, 'entry', 'entries');
  if (count === 0) return `No entries from entry ${first} of this key`;
  return count === 1 ? `Entry ${first} of this key` : `Entries ${first} to ${first + count - 1} of this key`;
}
