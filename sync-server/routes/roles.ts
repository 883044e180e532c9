import type { Role } from '../../shared/sync/admin-api';

/** Set events, forms and kiosks up. */
export const MANAGERS = ['admin', 'coordinator'] as const satisfies readonly Role[];
/** Read the set-up. */
export const EVERYONE = ['admin', 'coordinator', 'statistician'] as const satisfies readonly Role[];
/** Read the collected records (personal data among them). */
export const ANALYSTS = ['admin', 'statistician'] as const satisfies readonly Role[];
