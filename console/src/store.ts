// The console's state: who is signed in, the language, the events and the one being looked at.
import { create } from 'zustand';
import {
  ConsoleEventsResponseSchema,
  SessionResponseSchema,
  SessionStateSchema,
  SignedOutResponseSchema,
  type ConsoleEvent,
  type ConsoleUser,
} from '../../shared/console/console-api';
import { ApiError, api } from './api';
import { CATALOGUES, type Locale, type Messages } from './i18n';
import type { SignInRefusal } from './i18n-sign-in';

type ConsoleState = {
  /** undefined: not known yet (the session is being checked); null: signed out. */
  user: ConsoleUser | null | undefined;
  locale: Locale;
  t: Messages;
  events: ConsoleEvent[];
  eventId: string | undefined;
  /** Why the last sign-in failed; the page says it in its language (i18n-sign-in.ts). */
  error: SignInRefusal | undefined;
  loadSession(): Promise<void>;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  toggleLocale(): void;
  selectEvent(eventId: string): void;
  /** Reads the events again (after one was created, renamed, archived or restored). */
  reloadEvents(): Promise<void>;
};

// The browser's language picks the first one; where there is no navigator (unit tests in Node) es-MX.
const initialLocale: Locale = globalThis.navigator?.language.startsWith('en') === true ? 'en' : 'es-MX';

export const useConsole = create<ConsoleState>((set, get) => {
  const loadEvents = async () => {
    const { events } = await api(ConsoleEventsResponseSchema, '/events');
    const current = get().eventId;
    // An archived event leaves the picker: look at another one then.
    const kept = events.some((e) => e.id === current) ? current : undefined;
    set({ events, eventId: kept ?? events[0]?.id });
  };
  return {
    user: undefined,
    locale: initialLocale,
    t: CATALOGUES[initialLocale],
    events: [],
    eventId: undefined,
    error: undefined,
    async loadSession() {
      // Not signed in is an answer (signedIn false), not a 401 the browser would log as an error.
      const state = await api(SessionStateSchema, '/session');
      if (!state.signedIn) {
        set({ user: null });
        return;
      }
      set({ user: state.user });
      await loadEvents();
    },
    async signIn(username, password) {
      try {
        const { user } = await api(SessionResponseSchema, '/session', {
          method: 'POST',
          body: { username, password },
        });
        set({ user, error: undefined });
        await loadEvents();
      } catch (e) {
        set({ error: refusalOf(e) });
      }
    },
    async signOut() {
      await api(SignedOutResponseSchema, '/session/end', { method: 'POST' });
      set({ user: null, events: [], eventId: undefined });
    },
    toggleLocale() {
      const locale = get().locale === 'en' ? 'es-MX' : 'en';
      document.documentElement.lang = locale;
      set({ locale, t: CATALOGUES[locale] });
    },
    selectEvent(eventId) {
      set({ eventId });
    },
    reloadEvents: loadEvents,
  };
});

/** A failed sign-in by the server's code; no code means the server did not answer as itself. */
function refusalOf(e: unknown): SignInRefusal {
  if (!(e instanceof ApiError)) return { code: 'no_answer' };
  if (e.body === undefined) return { code: 'internal' };
  return { code: e.body.code, retryAt: e.body.retryAt };
}

/** The event the pages look at, undefined until the events are read (or there are none). */
export const useCurrentEvent = (): ConsoleEvent | undefined =>
  useConsole((state) => state.events.find((e) => e.id === state.eventId));
