import type { Role } from '../../shared/sync/admin-api';

/** Set events, forms and kiosks up. */
export const MANAGERS = ['admin', 'coordinator'] as const satisfies readonly Role[];
/** Read the set-up. */
export const EVERYONE = ['admin', 'coordinator', 'statistician'] as const satisfies readonly Role[];
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
