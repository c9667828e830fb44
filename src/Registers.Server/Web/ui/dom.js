// Building the page from data: text always goes in as text nodes, never as markup.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.flat().filter(child => child !== undefined && child !== null && child !== false));
  return element;
}

/** `count` and the noun it counts, in the singular for 1 ("1 entry", "2 entries"); `count` a number, BigInt or text. */
export const counted = (count, one, many) => `${count} ${String(count) === '1' ? one : many}`;

/** A link to another view of this page. */
export const viewLink = (params, text) => h('a', { href: '?' + new URLSearchParams(params) }, text);

/** The page number a view's query asks for (`page`), 1 when it names none or no number. */
export const pageOf = params => Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);

/**
 * Links to the pages either side of `page` of the view `params` names; `next` when the server links a next page. A page
 * past the end (`empty`) links to the first page instead: the page before it is most likely past the end too.
 */
export const pager = (params, page, next, empty = false) => h('nav', { 'aria-label': 'Pages', class: 'pager' },
  page > 1 && empty ? viewLink(params, 'First page') : null,
  page > 1 && !empty ? viewLink({ ...params, page: page - 1 }, 'Previous page') : null,
  h('span', {}, `Page ${page}`),
  next ? viewLink({ ...params, page: page + 1 }, 'Next page') : null);

/**
 * A table with a caption, column headings and rows of cells. Each cell carries its column's heading, which a narrow
 * screen shows beside it when the rows are stacked (see style.css).
 */
export const table = (caption, headings, rows) => h('table', {},
  h('caption', {}, caption),
  h('thead', {}, h('tr', {}, headings.map(heading => h('th', { scope: 'col' }, heading)))),
  h('tbody', {}, rows.map(cells => h('tr', {}, cells.map((cell, i) => h('td', { 'data-label': headings[i] }, cell))))));

/** A description list from [term, description] pairs. */
export const details = pairs => h('dl', {}, pairs.flatMap(([term, description]) => [h('dt', {}, term), h('dd', {}, description)]));

// A CURIE value (country:GB, address:100000000326) of a field of datatype curie names a record of another register:
// it is shown as a link to it. The same text in any other field is shown as it is.
const curie = /^([a-z][a-z0-9-]*):(\S+)$/;
const notRegisters = new Set(['sha-256', 'http', 'https', 'mailto', 'urn']);
const valueView = (value, isReference) => {
  const match = isReference ? curie.exec(value) : null;
  return match && !notRegisters.has(match[1]) ? viewLink({ register: match[1], key: match[2] }, value) : value;
};

/**
 * Items' fields, one description list per item: a field name, then its value or a list of its values. Each value is an
 * element of its own, so no newline, comma or direction mark in one can make another field, item or list member.
 * `references` names the fields of datatype curie, whose values link to the records they name.
 */
export const itemsView = (items, references) => items.map(item => h('dl', { class: 'item' },
  Object.entries(item).flatMap(([field, value]) => [
    h('dt', { dir: 'auto' }, field),
    Array.isArray(value)
      ? h('dd', {}, h('ul', {}, value.map(one => h('li', { dir: 'auto' }, valueView(String(one), references.has(field))))))
      : h('dd', { dir: 'auto' }, valueView(String(value), references.has(field))),
  ])));

/** Text from data set among the page's own words (an element's text is isolated with `bdi`; this is for plain text). */
export const isolate = text => `\u2068${text}\u2069`;

/**
 * Text from data for the document's title, which browsers show as plain text in tabs, history and bookmarks: its
 * bidirectional controls (marks, embeddings, overrides, isolates) are taken out, so they neither travel into a bookmark's
 * name nor reorder the title around them. The page's body isolates the same text instead (`bdi`, `isolate`).
 */
export const titleText = text => String(text).replace(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '');

/** Data set among the page's own words, so its direction marks cannot reorder them. */
export const bdi = text => h('bdi', {}, text);

/** `counted` for a count from data set among the page's words: the count isolated (`bdi`), so it cannot reorder them. */
export const countedData = (count, one, many) => [bdi(String(count)), ` ${String(count) === '1' ? one : many}`];

/** A status line: `state` is verified, failed or checking; the text says what was found. */
export const status = (id, state, text) => h('p', { id, class: `status ${state}`, 'data-state': state, role: 'status' }, text);

/** A status within a row of a table: not announced (role=status), or a table of them would be read out row by row. */
export const rowStatus = (state, text) => h('span', { class: `status ${state}`, 'data-state': state }, text);

/** What lies behind a status line (a script's error, an answer as sent), closed until asked for; nothing when there is none. */
export const statusDetail = (id, detail) => detail
  ? h('details', { id, class: 'detail' }, h('summary', {}, 'Technical detail'), h('pre', {}, detail))
  : null;
