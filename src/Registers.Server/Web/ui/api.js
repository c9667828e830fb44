// The server's JSON read API, as this page uses it. A failed request throws with the problem's title and detail.

export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
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
export const registerPath = name => serverPath(`registers/${encodeURIComponent(name)}`);
export const getJson = async path => (await fetchOk(path, 'application/json')).json();
export const getText = async path => (await fetchOk(path, 'text/plain')).text();
export const getBytes = async path => new Uint8Array(await (await fetchOk(path, 'application/json')).arrayBuffer());

/** A page of JSON and whether the server links a next page. */
export async function getPage(path) {
  const response = await fetchOk(path, 'application/json');
  const next = /rel="next"/.test(response.headers.get('Link') ?? '');
  return { body: await response.json(), next };
}
