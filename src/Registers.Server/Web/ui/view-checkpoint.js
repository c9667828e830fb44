// The latest checkpoint of a register, its signature checked here against the server's published log key.
import { getText, registerPath, serverPath } from './api.js';
import { CheckFailure, reading } from './check-failure.js';
import { details, h, isolate, status, statusDetail } from './dom.js';
import { toHex } from './merkle.js';
import { readCheckpoint, readVerifierKey } from './note.js';
import { trustControl, trustProblem } from './trusted-key.js';

export const logKeyPath = serverPath('.well-known/registers/log-key');

/**
 * The log key and the latest signed checkpoint of `name`, its signature and origin checked. A key or checkpoint
 * that cannot be fetched or read is not an error of the page but a failed check: `checkpoint.problem` says what failed
 * in words for people, and `checkpoint.detail` what lies behind it.
 */
export async function latestCheckpoint(name) {
  let keyText = null;
  let note = null;
  try {
    [keyText, note] = await reading('the register\'s latest checkpoint',
      () => Promise.all([getText(logKeyPath), getText(`${registerPath(name)}/checkpoint`)]));
    const verifier = await readVerifierKey(keyText);
    const checkpoint = await readCheckpoint(note, verifier);
    // Exactly the register's own log, as the client library checks it: the server names its log key after the host
    // its origins start with (a proxy's path is no part of them), and a suffix would also match another register's
    // system log (register "system" would take "<host>/registers/registers/system").
    if (!checkpoint.problem && checkpoint.origin !== `${verifier.name}/registers/${name}`) {
      checkpoint.problem = `the checkpoint is of '${isolate(checkpoint.origin)}', not of this register`;
    }
    checkpoint.problem = trustProblem(verifier.text) ?? checkpoint.problem;
    return { verifier, checkpoint };
  } catch (error) {
    // What the server sent is shown only as detail: a checkpoint that cannot be read may be anything.
    const sent = note === null ? null : `The log key, as the server sent it:\n${keyText}\n\nThe checkpoint, as the server sent it:\n${note}`;
    return { verifier: null, checkpoint: { problem: error.message, detail: error instanceof CheckFailure ? error.detail : sent } };
  }
}

export function checkpointSection({ verifier, checkpoint }) {
  const heading = h('h2', { id: 'checkpoint-heading' }, 'Latest checkpoint');
  if (!verifier) {
    return h('section', { 'aria-labelledby': 'checkpoint-heading' }, heading,
      status('checkpoint-status', 'failed', `not verified: ${checkpoint.problem}`), statusDetail('checkpoint-detail', checkpoint.detail));
  }
  return h('section', { 'aria-labelledby': 'checkpoint-heading' }, heading,
    checkpoint.problem
      ? status('checkpoint-status', 'failed', `not verified: ${checkpoint.problem}`)
      : status('checkpoint-status', 'verified', 'checkpoint signature verified'),
    details([
      ['Origin', checkpoint.origin],
      ['Tree size', checkpoint.size.toString()],
      ['Root hash', h('code', {}, 'sha-256:' + toHex(checkpoint.root))],
      ['Log key', h('code', {}, verifier.text)],
    ]),
    h('p', { class: 'note' }, 'Checked in your browser against the log key this server publishes at ',
      h('a', { href: logKeyPath }, logKeyPath), '. Compare that key with one you got another way to rule out the server itself.'),
    trustControl(verifier.text));
}
