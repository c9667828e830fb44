// One register: what it is, its latest checkpoint, and its records with search and paging.
import { ApiError, PlainError, getJson, getPage, registerPath, segment } from './api.js';
import { bdi, countedData, h, itemsView, pageOf, pager, table, titleText, viewLink } from './dom.js';
import { referenceFields } from './reference-fields.js';
import { checkpointSection, latestCheckpoint } from './view-checkpoint.js';

const pageSize = 20;
// The most a person can type in the search box. The page's address carries the search, each character as up to 9 bytes
// (%XX for each UTF-8 byte): 500 keep it well within the 8 KiB a server takes by default, where a longer one would be
// refused before the page loads.
const searchMaxLength = 500;

export async function registerView(name, params) {
  const search = (params.get('q') ?? '').trim();
  const page = pageOf(params);
  const [register, title, checkpoint, records, references] = await Promise.all([
    getJson(registerPath(name)), titleOf(name), latestCheckpoint(name), findRecords(name, search, page), referenceFields(name)]);
  const about = register['register-record'] ?? {};
  return {
    title: titleText(title),
    crumbs: [[{ register: name }, name]],
    content: [
      h('h1', { dir: 'auto' }, title),
      about.text ? h('p', { dir: 'auto' }, about.text) : null,
      h('p', {}, countedData(register['total-records'], 'record', 'records'), ', ', countedData(register['total-entries'], 'entry', 'entries'),
        register.custodian ? [', kept by ', bdi(register.custodian)] : null, '.'),
      downloads(name),
      recordsSection(name, Array.isArray(about.fields) ? about.fields : [], references, search, page, records),
      checkpointSection(checkpoint),
    ],
  };
}

/** Links to the whole register as the API serves it: its log (RSF), which a copy or an audit starts from, and its records (CSV). */
const downloads = name => h('p', { id: 'downloads' },
  'Download the whole register: ', h('a', { href: `${registerPath(name)}/download-rsf` }, 'RSF'),
  ' (its log: every entry and item, to copy or check it) or ', h('a', { href: `${registerPath(name)}/download-csv` }, 'CSV'),
  ' (its records).');

/** The register's human name, from its metadata (the system log's register-name record). */
async function titleOf(name) {
  try {
    const records = await getJson(`${registerPath(name)}/system/records/register-name`);
    return records['register-name']?.item?.[0]?.['register-name'] ?? name;
  } catch {
    return name;
  }
}

/**
 * The records on one page: a key looks up that record; field=value filters; nothing lists them all. The last path
 * segment always ends in ".json": the server reads ".csv", ".json"... at its end as a format, so a key or value such
 * as "report.csv" asked for bare would be looked up as "report".
 */
async function findRecords(name, search, page) {
  const paging = `page-index=${page}&page-size=${pageSize}`;
  const equals = search.indexOf('=');
  try {
    if (!search) return await getPage(`${registerPath(name)}/records?${paging}`);
    if (equals >= 0) {
      const field = search.slice(0, equals).trim();
      const value = search.slice(equals + 1).trim();
      // Asked for as it stands, an empty field reads as a key with '=' in it, an empty value as no search at all.
      if (!field) return { body: {}, next: false, missing: `Nothing comes before '${search}': give the field to look in before the '=', one of the fields named under the search box.` };
      if (!value) return { body: {}, next: false, missing: `Nothing follows '${search}': give the value to look for after the '='.` };
      const fieldSegment = fieldSegmentOf(field);
      if (fieldSegment instanceof PlainError) return { body: {}, next: false, missing: fieldSegment.message };
      const found = await getPage(`${registerPath(name)}/records/${fieldSegment}/${encodeURIComponent(value)}.json?${paging}`);
      // The server matches a value exactly: whoever typed "blue" for "Blue" is told why nothing came back.
      if (Object.keys(found.body).length === 0) {
        found.missing = ['No record\'s ', bdi(field), ' is \'', bdi(value), '\'. A value is found only as it is written, capital letters too.'];
      }
      return found;
    }
    // A key's record is not paged: a later page would show it again, as if the search had more.
    if (page > 1) return { body: {}, next: false, missing: 'A key names one record at most, shown on page 1.' };
    return { body: await getJson(`${registerPath(name)}/records/${encodeURIComponent(search)}.json`), next: false };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { body: {}, next: false, missing: error.message };
    // The page's address took the search, but the request for its records, whose path is longer, can pass the server's limit.
    if (error instanceof ApiError && error.status === 414) return { body: {}, next: false, missing: 'The search is too long for the server: shorten it, then search again.' };
    throw error;
  }
}

/** `field` as a path segment, or the PlainError saying why it cannot be one ('..'): a wrong search, not a failed view. */
function fieldSegmentOf(field) {
  try {
    return segment(field);
  } catch (error) {
    if (error instanceof PlainError) return error;
    throw error;
  }
}

/**
 * What to type in the search box, with examples from the first record listed: its key, and one of its fields as
 * field=value. Taken from this register, they find a record whatever it holds (a fixed "colour=blue" would name another
 * register's field, in other capitals). A value too long to read at a glance, or of more than one line, is passed over.
 * Said beside the box, not as its placeholder, which is gone once a person types.
 */
function searchHint(name, fields, records) {
  const [first] = Object.values(records.body);
  const readable = value => typeof value === 'string' && /^\S(.{0,38}\S)?$/.test(value);
  const key = first && readable(first.key) && !first.key.includes('=') ? first.key : null;
  const [field, value] = Object.entries(first?.item?.[0] ?? {}).find(([field, value]) => field !== name && readable(value)) ?? [];
  return h('p', { id: 'search-hint', class: 'note' },
    'Search for a key', key ? [', such as ', bdi(key)] : null,
    ', or for field=value', field ? [', such as ', bdi(`${field}=${value}`)] : null,
    ': the records whose field holds exactly that value.',
    fields.length === 0 ? null : [' Fields: ', bdi(fields.join(', ')), '.']);
}

function recordsSection(name, fields, references, search, page, records) {
  const rows = Object.values(records.body).map(record => [
    viewLink({ register: name, key: record.key }, record.key),
    itemsView(record.item, references),
    viewLink({ register: name, entry: record['entry-number'] }, record['entry-number']),
    record['entry-timestamp'],
  ]);
  return h('section', { 'aria-labelledby': 'records-heading' },
    h('h2', { id: 'records-heading' }, 'Records'),
    h('form', { role: 'search', method: 'get', action: '' },
      h('input', { type: 'hidden', name: 'register', value: name }),
      h('label', { for: 'search' }, 'Key, or field=value'),
      h('input', { id: 'search', name: 'q', type: 'search', value: search, maxlength: searchMaxLength, 'aria-describedby': 'search-hint' }),
      h('button', { type: 'submit' }, 'Search')),
    searchHint(name, fields, records),
    rows.length === 0
      ? h('p', { id: 'no-records' }, records.missing ?? 'No records.')
      : table(search ? ['Records matching "', bdi(search), '"'] : 'All records, by key', ['Key', 'Item', 'Entry', 'Updated'], rows),
    // The checkpoint's signature below vouches for a tree's size and root, not for these rows: only an entry's page checks them.
    rows.length === 0 ? null : h('p', { id: 'records-note', class: 'note' },
      'Records as the server sent them, not checked by this page. Open an entry to check that it is in the signed tree.'),
    pager({ register: name, ...(search ? { q: search } : {}) }, page, records.next, rows.length === 0));
}
