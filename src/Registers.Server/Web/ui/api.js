// The server's JSON read API, as this page uses it. A failed request throws with the problem's title and detail; one
// the server does not answer in time, or that cannot reach it, throws an UnansweredError saying so.
import { isolate } from './dom.js';

/** A problem to show people as it is; any other exception is the page's own fault, told in the console. */
export class PlainError extends Error {}

export class ApiError extends PlainError {
  /** `title` and `detail` as the server sent them, either missing when it sent none. */
  constructor(status, title, detail) {
    // The server's words are isolated (U+2068, U+2069): a right-to-left title cannot reorder the message around it.
    const said = title == null ? `HTTP ${status}` : isolate(title);
    super(detail ? `${said}: ${isolate(detail)}` : said);
    this.status = status;
    /** The problem's title, which tells apart answers of one status ("Unknown record", "No such page"). */
    this.title = title ?? `HTTP ${status}`;
    /** The status and the server's words, for a page that says something plainer as its headline. */
    this.detail = title == null ? this.message : `HTTP ${status}: ${this.message}`;
  }
}

/** The server did not answer in time, or could not be reached at all: no answer to show, only that there was none. */
export class UnansweredError extends PlainError {}

// A server that never answers would leave the page loading for as long as the browser waits (minutes, or for ever).
// Tests set it shorter, before the page's scripts run, so they need not wait a minute.
const timeoutMs = Number(globalThis.registersRequestTimeoutMs) || 60_000;
const seconds = timeoutMs / 1000;
const timedOut = () => new UnansweredError(`The server did not answer within ${seconds} ${seconds === 1 ? 'second' : 'seconds'}. Try again later.`);

/** `read(response)` of a request for `path`, all of it (the answer and its body) within the timeout. */
async function request(path, accept, read) {
  const signal = AbortSignal.timeout(timeoutMs);
  let response;
  try {
    response = await fetch(path, { headers: { Accept: accept }, signal });
  } catch (error) {
    // fetch fails with a TypeError, and nothing more, when no answer came: no server, no network, or a refused connection.
    throw signal.aborted ? timedOut() : new UnansweredError('The page could not reach the server. Check your connection, then try again.', { cause: error });
  }
  try {
    if (!response.ok) throw await refusal(response);
    return await read(response);
  } catch (error) {
    throw signal.aborted ? timedOut() : error;
  }
}

async function refusal(response) {
  let problem = null;
  try {
    problem = await response.json();
  } catch {
    // Not JSON: the status says enough.
  }
  // Only a problem document's strings are words to show; any other JSON (null, a number for a title) is not one.
  const text = value => (typeof value === 'string' ? value : undefined);
  return new ApiError(response.status, text(problem?.title), text(problem?.detail));
}

// The page is at <server>/ui/, so the server's root is the folder above it: a proxy that publishes the server below a
// path (and the page with it) is followed without the page being told of it.
const serverRoot = new URL('../', document.baseURI).pathname;

/** `path`, from the server's root (no leading '/'), as this page addresses the server. */
export const serverPath = path => serverRoot + path;
export const registerPath = name => serverPath(`registers/${segment(name)}`);

/**
 * `text` (a name, key or value from the page's address or from data) as one path segment. A browser reads "." and ".."
 * as moves along the path ("records/../entries" is the register's entries), so they are refused: no name, user key or
 * field is one.
 */
export function segment(text) {
  if (text === '.' || text === '..') throw new PlainError(`'${text}' cannot name a register, record or field.`);
  return encodeURIComponent(text);
}
export const getJson = path => request(path, 'application/json', response => response.json());
export const getText = path => request(path, 'text/plain', response => response.text());
export const getBytes = path => request(path, 'application/json', async response => new Uint8Array(await response.arrayBuffer()));

/** A page of JSON and whether the server links a next page. */
export const getPage = path => request(path, 'application/json', async response => ({
  body: await response.json(),
  next: /rel="next"/.test(response.headers.get('Link') ?? ''),
}));
