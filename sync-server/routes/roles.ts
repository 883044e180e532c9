import type { Role } from '../../shared/sync/admin-api';

/** Every signed-in person: who they are, the event list, the dashboard (shaped by role). */
export const EVERYONE = [
  'admin',
  'coordinator',
  'statistician',
  'door_supervisor',
] as const satisfies readonly Role[];
/** Set events, forms and kiosks up; import and issue tickets. */
export const MANAGERS = ['admin', 'coordinator'] as const satisfies readonly Role[];
/** Read the set-up: forms, kiosks, ticket keys. Door supervisors see only the door. */
export const OFFICE = ['admin', 'coordinator', 'statistician'] as const satisfies readonly Role[];
/** Run the door: revoke, block and unblock tickets, change the door rules. */
export const DOOR_STAFF = ['admin', 'coordinator', 'door_supervisor'] as const satisfies readonly Role[];
/** Read what the doors see: occupancy, double entries, door rules, the (redacted) ticket list. */
export const DOOR_READERS = EVERYONE;
/** Give people console accounts, and take them away. */
export const ACCOUNT_ADMINS = ['admin'] as const satisfies readonly Role[];
/** Read the audit log: who signed in, exported, read personal data or changed the set-up. */
export const AUDITORS = ['admin'] as const satisfies readonly Role[];
/** Read the collected records (personal data among them). */
export const ANALYSTS = ['admin', 'statistician'] as const satisfies readonly Role[];
/**
 * See personal data itself: photos of people and their practices, exports with anonymised=false.
 * Statisticians get anonymised data only (docs/exports.md).
 */
export const PERSONAL_DATA = ['admin'] as const satisfies readonly Role[];

export const seesPersonalData = (role: Role): boolean => (PERSONAL_DATA as readonly Role[]).includes(role);

/**
 * See ticket credentials: a signed ticket's QR text and box-office codes admit whoever shows them,
 * and come with holders' names. Others get the ticket list redacted (docs/tickets.md).
 */
export const TICKET_CREDENTIALS = ['admin'] as const satisfies readonly Role[];
