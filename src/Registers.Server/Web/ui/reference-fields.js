// Which of a register's fields hold references to other registers' records: those its metadata gives the datatype
// curie. Text such as "country:GB" in a string field is words, and may name a register this server does not hold.
import { PlainError, getJson, registerPath } from './api.js';

// The server's largest page: a register has far fewer fields.
const mostFields = 5000;

/**
 * The names of the register's fields of datatype curie, from its system log's field records; none when they cannot be
 * read: every value is then shown as text, which loses a link, where failing the view would lose the page.
 */
export async function referenceFields(name) {
  try {
    const fields = await getJson(`${registerPath(name)}/system/records/datatype/curie.json?page-size=${mostFields}`);
    return new Set(Object.values(fields).map(record => record.item?.[0]?.field).filter(field => typeof field === 'string'));
  } catch (error) {
    if (error instanceof PlainError) return new Set();
    throw error;
  }
}
