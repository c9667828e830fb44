// The server's JSON read API, as this page uses it. A failed request throws with the problem's title and detail.

/** A problem to show people as it is; any other exception is the page's own fault, told in the console. */
export class PlainError extends Error {}

export class ApiError extends PlainError {
  constructor(status, title, detail) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    /** The status and the server's words, for a page that says something plainer as its headline. */
    this.detail = `HTTP ${status}: ${this.message}`;
  }
}

async function fetchOk(path, accept) {
  const response = await fetch(path, { headers: { Accept: accept } });
  if (response.ok) return response;
  let problem = {};
  try {
    problem = await response.json();
  } catch {
    // Not a problem document: the status says enough.
  }
  throw new ApiError(response.status, problem.title ?? `HTTP ${response.status}`, problem.detail);
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
export const getJson = async path => (await fetchOk(path, 'application/json')).json();
export const getText = async path => (await fetchOk(path, 'text/plain')).text();
export const getBytes = async path => new Uint8Array(await (await fetchOk(path, 'application/json')).arrayBuffer());

/** A page of JSON and whether the server links a next page. */
export async function getPage(path) {
  const response = await fetchOk(path, 'application/json');
  const next = /rel="next"/.test(response.headers.get('Link') ?? '');
  return { body: await response.json(), next };
}
