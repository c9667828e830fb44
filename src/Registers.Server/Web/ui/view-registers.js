// The registers this server keeps.
import { getJson, serverPath } from './api.js';
import { h, table, viewLink } from './dom.js';

export async function registersView() {
  const index = await getJson(serverPath('registers'));
  return {
    title: null,
    crumbs: [],
    content: [
      h('h1', {}, 'Registers'),
      h('p', {}, 'Canonical lists you can check: every register is an append-only log with signed checkpoints. Pick one to see its records.'),
      table('Registers on this server', ['Register', 'Name', 'Records', 'Entries'], index.registers.map(register => [
        viewLink({ register: register.name }, register.name), register.title ?? '', String(register['total-records']), String(register['total-entries']),
      ])),
    ],
  };
}
