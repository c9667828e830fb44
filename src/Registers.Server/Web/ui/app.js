// Chooses the view from the query (?register=, &q=, &page=, &key=, &entry=) and shows it, or what went wrong.
import { PlainError } from './api.js';
import { h, pageOf, viewLink } from './dom.js';
import { entryView } from './view-entry.js';
import { historyView } from './view-history.js';
import { registerView } from './view-register.js';
import { registersView } from './view-registers.js';

const params = new URLSearchParams(location.search);
const main = document.getElementById('view');
const crumbs = document.getElementById('crumbs');

// Said by the script, so a browser without scripts shows only the <noscript> text. Status lines announce themselves
// (role=status); the whole view is not live, or every change would be read out.
main.replaceChildren(h('p', {}, 'Loading…'));

function chooseView() {
  const register = params.get('register');
  if (!register) return registersView();
  if (params.has('entry')) return entryView(register, params.get('entry'));
  if (params.has('key')) return historyView(register, params.get('key'), pageOf(params));
  return registerView(register, params);
}

try {
  const view = await chooseView();
  // The list of registers is the site itself: titled once, not 'Registers · Registers'.
  document.title = view.title ? `${view.title} · Registers` : 'Registers';
  const trail = [[{}, 'Registers'], ...view.crumbs];
  crumbs.replaceChildren(h('ol', {}, trail.map(([link, text], i) => {
    const crumb = viewLink(link, text);
    if (i === trail.length - 1) crumb.setAttribute('aria-current', 'page');
    return h('li', {}, crumb);
  })));
  main.replaceChildren(...view.content.filter(Boolean).flat());
} catch (error) {
  // A script's own error text ("x is not iterable") tells people nothing: they get a plain sentence, the console the rest.
  if (!(error instanceof PlainError)) console.error(error);
  const told = error instanceof PlainError ? error.message : 'This page could not read the server\'s answer. Details are in the browser\'s console.';
  document.title = 'Error · Registers';
  main.replaceChildren(h('h1', {}, 'Something went wrong'), h('p', { role: 'alert', class: 'status failed' }, told));
}
main.setAttribute('aria-busy', 'false');
