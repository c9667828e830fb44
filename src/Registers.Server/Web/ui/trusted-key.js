// The log key a person has chosen to trust, kept in this browser. Once one is kept, a server that publishes
// another key fails every check here, so a server cannot swap its key to vouch for a different history.
import { h, isolate } from './dom.js';

const storageKey = 'registers.trusted-log-key';

export const trustedKey = () => localStorage.getItem(storageKey);

/** The problem with `keyText` given the key this browser trusts, or null. */
export function trustProblem(keyText) {
  const trusted = trustedKey();
  return trusted && trusted !== keyText ? `the server's log key is not the one you trust in this browser (${isolate(trusted)})` : null;
}

/** A control to keep `keyText` as the trusted key, or to forget the key kept. */
export function trustControl(keyText) {
  const trusted = trustedKey();
  const button = (text, action) => {
    const element = h('button', { type: 'button' }, text);
    element.addEventListener('click', () => {
      action();
      location.reload();
    });
    return element;
  };
  if (trusted) {
    return h('p', { id: 'trust' }, trusted === keyText ? 'This is the log key you trust in this browser. ' : `You trust another log key in this browser: ${isolate(trusted)}. `,
      button('Forget it', () => localStorage.removeItem(storageKey)));
  }
  return h('p', { id: 'trust' }, button('Trust this log key in this browser', () => localStorage.setItem(storageKey, keyText)),
    ' Then a checkpoint signed by any other key fails here.');
}
