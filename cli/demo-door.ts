// The demo's door: check-in rules and a few tickets for the demo event, printed as PNGs the first
// time (`quiosco tickets issue --out DIR` is the same command for more), and a second kiosk in
// door mode beside the visitor kiosk, so `npm start` shows check-in working offline.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { printTickets } from '../sync-server/tickets/ticket-print';
import { importTicketList, issueTicketBatch, setDoorRules } from '../sync-server/tickets/ticket-setup';
import type { SyncServer } from '../sync-server/server';
import { cliActor } from './commands/cli-actor';
import { DEMO_EVENT } from './demo-sync';

export const DEMO_GATE = 'Puerta principal';

/** Box-office codes as the online box office's CSV export would list them. */
const BOX_OFFICE_CSV = [
  'code,event,ticket_type,holder_name,valid_from,valid_to',
  `TAQ-0001,${DEMO_EVENT.id},General,Rosa Hernández,,`,
  `TAQ-0002,${DEMO_EVENT.id},Niños,,,`,
  `TAQ-0003,${DEMO_EVENT.id},General,Pedro Ángeles,,`,
].join('\n');

const SIGNED = [
  { type: 'General', holder: 'Ana García' },
  { type: 'General', holder: 'Luis Ortega' },
  { type: 'Niños', holder: null },
  { type: 'Expositor', holder: 'Cocina de Doña Chela' },
];

/**
 * Sets the demo event's door rules and issues its demo tickets into `ticketsDir`, unless that
 * directory exists already (a later start keeps the tickets printed the first time).
 */
export async function prepareDemoTickets(server: SyncServer, ticketsDir: string): Promise<string[]> {
  if (existsSync(ticketsDir)) return [`Demo tickets: ${ticketsDir}`];
  const db = server.db;
  // Through the set-up functions `quiosco tickets` uses, so the demo's door is audited as theirs is.
  const actor = cliActor();
  const rules = { capacity: 300, allowReentry: true, acceptPasses: true };
  await setDoorRules(db, DEMO_EVENT.id, rules, actor);
  await importTicketList(db, BOX_OFFICE_CSV, 'refuse', actor);
  const issued = [];
  for (const ticket of SIGNED)
    issued.push(...(await issueTicketBatch(db, DEMO_EVENT.id, ticket, actor)).tickets);
  const printed = await printTickets(issued, DEMO_EVENT, ticketsDir);
  return [
    `Demo tickets printed: ${printed.sheet} (one PNG per ticket beside it;` +
      ` box-office codes TAQ-0001…TAQ-0003 can be typed at the door)`,
  ];
}

export const demoTicketsDir = (dataDir: string): string => join(dataDir, 'tickets');
