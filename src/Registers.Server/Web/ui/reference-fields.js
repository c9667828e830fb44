// Which of a register's fields hold references to other registers' records: those its metadata gives the datatype
// curie. Text such as "country:GB" in a string field is words, and may name a register this server does not hold.
import { getJson, registerPath } from './api.js';

// The server's largest page: a register has far fewer fields.
const mostFields = 5000;

/** The names of the register's fields of datatype curie, from its system log's field records. */
export async function referenceFields(name) {
  const fields = await getJson(`${registerPath(name)}/system/records/datatype/curie.json?page-size=${mostFields}`);
  return new Set(Object.values(fields).map(record => record.item?.[0]?.field).filter(field => typeof field === 'string'));
}
