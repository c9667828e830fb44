// A record's history: every entry of its key, oldest first, with the items each one gave it.
import { getJson, registerPath } from './api.js';
import { bdi, h, isolate, itemsView, table, viewLink } from './dom.js';

const shown = 100;

export async function historyView(name, key) {
  const base = registerPath(name);
  const entries = await getJson(`${base}/records/${encodeURIComponent(key)}/entries?page-size=${shown}`);
  const items = await Promise.all(entries.map(entry =>
    Promise.all(entry['item-hash'].map(hash => getJson(`${base}/items/${hash}`)))));
  return {
    title: `${isolate(key)} in ${isolate(name)}`,
    crumbs: [[{ register: name }, name], [{ register: name, key }, key]],
    content: [
      h('h1', {}, 'History of ', bdi(key)),
      h('p', {}, entries.length === shown ? `The first ${shown} entries` : `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}`,
        ' in the register \'', bdi(name), '\', oldest first. Open an entry to check its proof.'),
      table(['Entries of ', bdi(key)], ['Entry', 'When', 'Item'], entries.map((entry, i) => [
        viewLink({ register: name, entry: entry['entry-number'] }, `Entry ${entry['entry-number']}`),
        entry['entry-timestamp'],
        itemsView(items[i]),
      ])),
    ],
  };
}
