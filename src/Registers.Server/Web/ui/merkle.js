// RFC 6962 hashing as GOV.UK registers v1 does it, and RFC 9162 inclusion proof verification, in the browser.
// The page rebuilds each leaf from the entry it shows, so a proof that verifies is about that entry.
import { isolate } from './dom.js';

const encoder = new TextEncoder();
const hashText = /^sha-256:[0-9a-f]{64}$/;
const timestampText = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

export async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

export function concat(...parts) {
  const joined = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}

export const toHex = bytes => Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');

export function fromHashText(text) {
  if (!hashText.test(text)) throw new Error(`'${isolate(text)}' is not a sha-256 hash`);
  return Uint8Array.from(text.slice(8).match(/../g), pair => parseInt(pair, 16));
}

export const equalBytes = (a, b) => a.length === b.length && a.every((byte, i) => byte === b[i]);

// Canonical JSON string escaping: quote and backslash, short forms, other controls as upper-case \u00XX.
const shortEscapes = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const quote = text => '"' + text.replace(/["\\\u0000-\u001f]/g,
  c => shortEscapes[c] ?? '\\u' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')) + '"';

/** The v1 leaf bytes of an entry resource: numbers as strings, members in this order. */
export function entryLeaf(entry) {
  const number = entry['entry-number'];
  const timestamp = entry['entry-timestamp'];
  const hashes = entry['item-hash'];
  if (!/^[1-9]\d*$/.test(number) || entry['index-entry-number'] !== number) throw new Error('the entry number is malformed');
  if (!timestampText.test(timestamp)) throw new Error('the entry timestamp is malformed');
  if (!Array.isArray(hashes) || hashes.length === 0 || !hashes.every(hash => hashText.test(hash))) throw new Error('the item hashes are malformed');
  return encoder.encode(`{"index-entry-number":"${number}","entry-number":"${number}","entry-timestamp":"${timestamp}",`
    + `"key":${quote(entry.key)},"item-hash":[${hashes.map(hash => `"${hash}"`).join(',')}]}`);
}

export const leafHash = bytes => sha256(concat(Uint8Array.of(0), bytes));
const nodeHash = (left, right) => sha256(concat(Uint8Array.of(1), left, right));

/** RFC 9162 section 2.1.3.2: whether `path` proves leaf `index` (0-based) in the tree of `size` with `root`. */
export async function verifyInclusion(index, size, leaf, path, root) {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1n;
  let r = leaf;
  for (const p of path) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = await nodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && equalBytes(r, root);
}

/** RFC 6962 section 2.1: the tree hash of `leaves` (leaf hashes, at least one), folded as the tree is built, left to right. */
export async function treeHash(leaves) {
  const stack = [];
  for (let i = 0; i < leaves.length; i++) {
    let node = leaves[i];
    // Each trailing 1 bit of the index closes a complete subtree: merge it with the one to its left.
    for (let j = i; (j & 1) === 1; j >>= 1) node = await nodeHash(stack.pop(), node);
    stack.push(node);
  }
  let root = stack.pop();
  while (stack.length > 0) root = await nodeHash(stack.pop(), root);
  return root;
}

/**
 * RFC 9162 section 2.1.4.2: whether `path` proves the tree of `size1` with `root1` is the first `size1` leaves of the
 * tree of `size2` with `root2` (sizes BigInt, 0 < size1 < size2).
 */
export async function verifyConsistency(size1, size2, root1, root2, path) {
  if (size1 <= 0n || size1 >= size2 || path.length === 0) return false;
  const nodes = (size1 & (size1 - 1n)) === 0n ? [root1, ...path] : path;
  let fn = size1 - 1n;
  let sn = size2 - 1n;
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = nodes[0];
  let sr = nodes[0];
  for (const c of nodes.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && equalBytes(fr, root1) && equalBytes(sr, root2);
}
