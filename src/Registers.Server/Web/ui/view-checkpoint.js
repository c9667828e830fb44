// The latest checkpoint of a register, its signature checked here against the server's published log key.
import { getText, registerPath, serverPath } from './api.js';
import { details, h, status } from './dom.js';
import { toHex } from './merkle.js';
import { readCheckpoint, readVerifierKey } from './note.js';
import { trustControl, trustProblem } from './trusted-key.js';

export const logKeyPath = serverPath('.well-known/registers/log-key');

/**
 * The log key and the latest signed checkpoint of `name`, its signature and origin checked. A key or checkpoint
 * that cannot be read is not an error of the page but a failed check: `checkpoint.problem` says what failed.
 */
export async function latestCheckpoint(name) {
  const [keyText, note] = await Promise.all([getText(logKeyPath), getText(`${registerPath(name)}/checkpoint`)]);
  try {
    const verifier = await readVerifierKey(keyText);
    const checkpoint = await readCheckpoint(note, verifier);
    // Exactly the register's own log, as the client library checks it: the server names its log key after the host
    // its origins start with (a proxy's path is no part of them), and a suffix would also match another register's
    // system log (register "system" would take "<host>/registers/registers/system").
    if (!checkpoint.problem && checkpoint.origin !== `${verifier.name}/registers/${name}`) {
      checkpoint.problem = `the checkpoint is of '${checkpoint.origin}', not of this register`;
    }
    checkpoint.problem = trustProblem(verifier.text) ?? checkpoint.problem;
    return { verifier, checkpoint };
  } catch (error) {
    return { verifier: null, checkpoint: { problem: error.message, note } };
  }
}

export function checkpointSection({ verifier, checkpoint }) {
  const heading = h('h2', { id: 'checkpoint-heading' }, 'Latest checkpoint');
  if (!verifier) {
    return h('section', { 'aria-labelledby': 'checkpoint-heading' }, heading,
      status('checkpoint-status', 'failed', `not verified: ${checkpoint.problem}`), h('pre', {}, checkpoint.note));
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
