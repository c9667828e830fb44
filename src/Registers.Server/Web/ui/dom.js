// Building the page from data: text always goes in as text nodes, never as markup.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children.flat().filter(child => child !== undefined && child !== null && child !== false));
  return element;
}

/** A link to another view of this page. */
export const viewLink = (params, text) => h('a', { href: '?' + new URLSearchParams(params) }, text);

/** A table with a caption, column headings and rows of cells. */
export const table = (caption, headings, rows) => h('table', {},
  h('caption', {}, caption),
  h('thead', {}, h('tr', {}, headings.map(heading => h('th', { scope: 'col' }, heading)))),
  h('tbody', {}, rows.map(cells => h('tr', {}, cells.map(cell => h('td', {}, cell))))));

/** A description list from [term, description] pairs. */
export const details = pairs => h('dl', {}, pairs.flatMap(([term, description]) => [h('dt', {}, term), h('dd', {}, description)]));

// A CURIE value (country:GB, address:100000000326) names a record of another register: it is shown as a link to it.
const curie = /^([a-z][a-z0-9-]*):(\S+)$/;
const notRegisters = new Set(['sha-256', 'http', 'https', 'mailto', 'urn']);
const valueView = value => {
  const match = curie.exec(value);
  return match && !notRegisters.has(match[1]) ? viewLink({ register: match[1], key: match[2] }, value) : value;
};

/** Items' fields, a "field: value" line each (list values joined with commas), items apart by an empty line. */
export const itemsView = items => items.flatMap((item, i) => [
  i > 0 ? '\n' : null,
  ...Object.entries(item).flatMap(([field, value]) => [
    `${field}: `,
    ...(Array.isArray(value) ? value : [value]).flatMap((one, j) => [j > 0 ? ', ' : null, valueView(String(one))]),
    '\n',
  ]),
]);

/** A status line: `state` is verified, failed or checking; the text says what was found. */
export const status = (id, state, text) => h('p', { id, class: `status ${state}`, 'data-state': state, role: 'status' }, text);
