// A visitor's half-filled form survives a reload of the page (the web kiosk's F5, or the Electron
// shell reloading a crashed renderer) and nothing else. Kept in the tab's sessionStorage rather
// than in the kiosk core: it lives in memory only, never on disk, belongs to this one window, and
// needs no new IPC channel. It mirrors the store's session: whenever the session ends (submit,
// idle reset, Atrás out of the form) or a save is on its way, the copy is removed in the same
// step, so after any of them the storage holds nothing.
import { z } from 'zod';
import { AnswersSchema, LanguageSchema } from '../../../shared/forms/form-definition';
import type { KioskState, KioskStore } from './kiosk-store';

export const RESTORE_KEY = 'quiosco.visitor-session';

const SavedSessionSchema = z.object({
  formId: z.string().min(1),
  formVersion: z.string().min(1),
  screen: z.enum(['language', 'form']),
  languages: z.array(LanguageSchema).min(1),
  language: LanguageSchema,
  answers: AnswersSchema,
  pageIndex: z.number().int().min(0),
  startedAt: z.iso.datetime(),
  reviewing: z.boolean(),
  fromReview: z.boolean(),
  progressFloors: z.array(z.number().min(0).max(1)),
});
export type SavedSession = z.infer<typeof SavedSessionSchema>;

/** What to keep of the store now, or null when nothing may be kept. */
function savedSession(state: KioskState): SavedSession | null {
  const { session, screen, boot } = state;
  if (!session || !session.touched || session.saving) return null;
  if (screen !== 'form' && screen !== 'language') return null;
  const form =
    boot.status === 'ready' ? boot.forms.find((f) => f.definition.formId === session.formId) : null;
  if (!form) return null;
  // Parsing keeps the schema's fields only: nothing else of the store is written.
  const saved = SavedSessionSchema.safeParse({ ...session, formVersion: form.definition.version, screen });
  return saved.success ? saved.data : null;
}

/** The kept session, or null when there is none or it is not one of ours (checked, then dropped). */
export function readSavedSession(storage: Storage): SavedSession | null {
  const text = storage.getItem(RESTORE_KEY);
  if (text === null) return null;
  try {
    const parsed = SavedSessionSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: dropped below like any other copy that does not parse.
  }
  storage.removeItem(RESTORE_KEY);
  return null;
}

/**
 * Keeps the visitor's session in `storage` from now on, and brings a kept one back once the kiosk
 * is ready after a reload. Returns the unsubscribe.
 */
export function keepSessionAcrossReload(store: KioskStore, storage: Storage): () => void {
  let restored = false;
  const onChange = (state: KioskState): void => {
    if (!restored) {
      // Until the forms are here, the kept copy waits untouched.
      if (state.boot.status !== 'ready') return;
      restored = true;
      const saved = readSavedSession(storage);
      storage.removeItem(RESTORE_KEY);
      if (saved && state.screen === 'attract') state.resumeSession(saved);
      return;
    }
    const saved = savedSession(state);
    if (saved) storage.setItem(RESTORE_KEY, JSON.stringify(saved));
    else storage.removeItem(RESTORE_KEY);
  };
  const unsubscribe = store.subscribe((state, before) => {
    if (state.session !== before.session || state.screen !== before.screen || state.boot !== before.boot) {
      onChange(state);
    }
  });
  onChange(store.getState());
  return unsubscribe;
}
