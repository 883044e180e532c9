// The audit of an export, the same whichever way it is made (/v1, the console's download, `quiosco
// export`): an `export` entry with its options, and a `personal_data_read` one beside it when the
// personal-data questions were included.
import { audit } from '../console/audit';
import type { ServerDb } from '../db/server-database';
import type { ExportQuerySchema } from './export-options';
import type { z } from 'zod';

export async function auditExport(
  s: ServerDb,
  actor: string,
  input: {
    via: 'api' | 'console' | 'cli';
    formId: string;
    query: z.output<typeof ExportQuerySchema>;
    anonymised: boolean;
  },
): Promise<void> {
  const { via, formId, query, anonymised } = input;
  const detail = { via, formId, ...query, anonymised };
  await audit(s, { actor, action: 'export', detail });
  if (!anonymised) await audit(s, { actor, action: 'personal_data_read', detail });
}
