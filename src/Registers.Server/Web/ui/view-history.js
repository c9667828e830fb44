// A record's history: every entry of its key, oldest first, with the items each one gave it, a page at a time.
import { ApiError, getJson, getPage, registerPath, segment } from './api.js';
import { bdi, h, isolate, itemsView, pager, table, viewLink } from './dom.js';

const shown = 100;

export async function historyView(name, key, page) {
  const base = registerPath(name);
  const { body: entries, next } = await historyPage(base, key, page);
  const items = await Promise.all(entries.map(entry =>
    Promise.all(entry['item-hash'].map(hash => getJson(`${base}/items/${hash}`)))));
  return {
    title: `${isolate(key)} in ${isolate(name)}`,
    crumbs: [[{ register: name }, name], [{ register: name, key }, key]],
    content: [
      h('h1', {}, 'History of ', bdi(key)),
      h('p', {}, howMany(entries.length, page, next), ' in the register \'', bdi(name), '\', oldest first. Open an entry to check its proof.'),
      entries.length === 0 ? null : table(['Entries of ', bdi(key)], ['Entry', 'When', 'Item'], entries.map((entry, i) => [
        viewLink({ register: name, entry: entry['entry-number'] }, `Entry ${entry['entry-number']}`),
        entry['entry-timestamp'],
        itemsView(items[i]),
      ])),
      pager({ register: name, key }, page, next, entries.length === 0),
    ],
  };
}

/** One page of the key's entries; a page past the last (the server's 404) holds none, and is said to. */
async function historyPage(base, key, page) {
  try {
    return await getPage(`${base}/records/${segment(key)}/entries?page-index=${page}&page-size=${shown}`);
  } catch (error) {
    if (page > 1 && error instanceof ApiError && error.status === 404) return { body: [], next: false };
    throw error;
  }
}

/** Which of the key's entries this page holds: all of them when it is the only page. */
function howMany(count, page, next) {
  const first = (page - 1) * shown + 1;
  if (page === 1 && !next) return `${count} ${count === 1 ? 'entry' : 'entries'}`;
  if (count === 0) return `No entries from entry ${first} of this key`;
  return count === 1 ? `Entry ${first} of this key` : `Entries ${first} to ${first + count - 1} of this key`;
}
