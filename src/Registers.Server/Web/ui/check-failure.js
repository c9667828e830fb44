// A check that failed, told two ways: a sentence for people (the headline), and the detail behind it (a script's error,
// the server's status and problem, what was computed) for whoever looks further.
import { ApiError, UnansweredError } from './api.js';

export class CheckFailure extends Error {
  constructor(text, detail = null) {
    super(text);
    this.detail = detail;
  }
}

/** The detail of `error`: the server's status and problem for a refused request, else the error's own text. */
export const detailOf = error => error instanceof ApiError ? error.detail : error.message;

/**
 * `read()`, which fetches and reads `what` ("the inclusion proof"); a failure is a CheckFailure saying plainly that the
 * server did not send it (it refused, did not answer in time, or could not be reached), or that what it sent could
 * not be read.
 */
export async function reading(what, read) {
  try {
    return await read();
  } catch (error) {
    if (error instanceof CheckFailure) throw error;
    const unsent = error instanceof ApiError || error instanceof UnansweredError;
    throw new CheckFailure(unsent ? `the server did not send ${what}` : `${what} the server sent could not be read`, detailOf(error));
  }
}
