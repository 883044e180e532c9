// Compiled forms for checking pushed answers. A form version never changes once attached, so a
// compiled copy stays right for the life of the process, whichever server process attached it.
import type { Kysely } from 'kysely';
import { compileForm, type CompiledForm } from '../../shared/forms/engine';
import type { Database } from '../db/schema';
import { readFormVersion } from '../events/form-version';

export type AttachedForms = {
  /** The versions of a form attached to an event; undefined when the form is not attached at all. */
  versions(eventId: string, formId: string): Map<string, CompiledForm> | undefined;
};

const key = (...parts: string[]): string => parts.join('\u0000');

export class FormCache {
  private readonly compiled = new Map<string, CompiledForm>();

  /** Every form version attached to these events, compiled. */
  async attached(db: Kysely<Database>, eventIds: Iterable<string>): Promise<AttachedForms> {
    const events = [...new Set(eventIds)];
    const byForm = new Map<string, Map<string, CompiledForm>>();
    if (events.length > 0) {
      const rows = await db
        .selectFrom('forms')
        .select(['event_id', 'form_id', 'version'])
        .where('event_id', 'in', events)
        .execute();
      for (const row of rows) {
        const formKey = key(row.event_id, row.form_id);
        const versions = byForm.get(formKey) ?? new Map<string, CompiledForm>();
        versions.set(row.version, await this.compile(db, row.event_id, row.form_id, row.version));
        byForm.set(formKey, versions);
      }
    }
    return { versions: (eventId, formId) => byForm.get(key(eventId, formId)) };
  }

  private async compile(
    db: Kysely<Database>,
    eventId: string,
    formId: string,
    version: string,
  ): Promise<CompiledForm> {
    const cacheKey = key(eventId, formId, version);
    const cached = this.compiled.get(cacheKey);
    if (cached !== undefined) return cached;
    const form = compileForm(await readFormVersion(db, eventId, formId, version));
    this.compiled.set(cacheKey, form);
    return form;
  }
}
