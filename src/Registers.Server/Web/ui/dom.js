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

/** An item's fields as "field: value" lines, lists joined with commas. */
export const itemText = item => Object.entries(item)
  .map(([field, value]) => `${field}: ${Array.isArray(value) ? value.join(', ') : value}`).join('\n');

/** A status line: `state` is verified, failed or checking; the text says what was found. */
export const status = (id, state, text) => h('p', { id, class: `status ${state}`, 'data-state': state, role: 'status' }, text);
