// C2SP signed notes and tlog-checkpoints with Ed25519, checked in the browser with WebCrypto.
import { concat, equalBytes, sha256, toHex } from './merkle.js';

const encoder = new TextEncoder();
const signaturePrefix = '\u2014 ';
const keyText = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+={0,2})$/;

function fromBase64(text, what) {
  try {
    return Uint8Array.from(atob(text), c => c.charCodeAt(0));
  } catch {
    throw new Error(`${what} is not base64`);
  }
}

/** A verifier key string, name+keyid+base64(0x01 || public key), with its key id checked. */
export async function readVerifierKey(text) {
  const [, name, id, material] = keyText.exec(text.trim()) ?? [];
  const bytes = material ? fromBase64(material, 'the log key') : new Uint8Array();
  if (bytes.length !== 33 || bytes[0] !== 1) throw new Error('the log key is not an Ed25519 verifier key');
  const computed = (await sha256(concat(encoder.encode(name + '\n'), bytes))).slice(0, 4);
  if (toHex(computed) !== id) throw new Error('the log key\'s id does not match the key');
  let key;
  try {
    key = await crypto.subtle.importKey('raw', bytes.slice(1), { name: 'Ed25519' }, false, ['verify']);
  } catch {
    throw new Error('this browser cannot check Ed25519 signatures');
  }
  return { name, id: computed, text: text.trim(), key };
}

/**
 * Reads a checkpoint note and checks its signature by `verifier`. Returns origin, size (BigInt) and root, and
 * `problem`: null when the signature is valid, else why not.
 */
export async function readCheckpoint(note, verifier) {
  const end = note.indexOf('\n\n');
  const body = end < 0 ? '' : note.slice(0, end + 1);
  const [origin, sizeText, rootText] = body.split('\n');
  if (!origin || !/^(0|[1-9]\d*)$/.test(sizeText ?? '') || !rootText) throw new Error('the checkpoint is malformed');
  const root = fromBase64(rootText, 'the checkpoint\'s root');
  const checkpoint = { origin, size: BigInt(sizeText), root, problem: null };
  const ours = note.slice(end + 2).split('\n')
    .filter(line => line.startsWith(signaturePrefix + verifier.name + ' '))
    .map(line => fromBase64(line.slice(signaturePrefix.length + verifier.name.length + 1), 'a checkpoint signature'))
    .find(signature => signature.length === 68 && equalBytes(signature.slice(0, 4), verifier.id));
  if (!ours) {
    checkpoint.problem = 'the checkpoint carries no signature by the log key';
  } else if (!await crypto.subtle.verify({ name: 'Ed25519' }, verifier.key, ours.slice(4), encoder.encode(body))) {
    checkpoint.problem = 'the checkpoint\'s signature is not valid';
  } else if (root.length !== 32) {
    checkpoint.problem = 'the checkpoint\'s root is not a SHA-256 hash';
  }
  return checkpoint;
}
