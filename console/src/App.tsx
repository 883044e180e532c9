// The console's frame: sign-in until there is a session, then a header with the event picker and
// the pages the user's role may see (hash routes, so the server serves one index.html).
import { useEffect, useSyncExternalStore } from 'react';
import type { Role } from '../../shared/sync/admin-api';
import type { Messages } from './i18n';
import { Audit } from './pages/Audit';
import { Dashboard } from './pages/Dashboard';
import { Events } from './pages/Events';
import { Data } from './pages/Data';
import { Exports } from './pages/Exports';
import { Forms } from './pages/Forms';
import { Kiosks } from './pages/Kiosks';
import { SignIn } from './pages/SignIn';
import { Tickets } from './pages/Tickets';
import { Users } from './pages/Users';
import { useConsole } from './store';

type Page = { path: string; label: keyof Messages; roles: readonly Role[]; view: () => React.JSX.Element };

export const PAGES: readonly Page[] = [
  {
    path: '#/dashboard',
    label: 'navDashboard',
    // A door supervisor's dashboard shows the door only (occupancy, door kiosks).
    roles: ['admin', 'coordinator', 'statistician', 'door_supervisor'],
    view: Dashboard,
  },
  { path: '#/kiosks', label: 'navKiosks', roles: ['admin', 'coordinator', 'statistician'], view: Kiosks },
  // Set-up pages: the same roles as their routes (MANAGERS).
  { path: '#/events', label: 'navEvents', roles: ['admin', 'coordinator'], view: Events },
  // Reading forms is the office's (OFFICE); uploading the managers'.
  { path: '#/forms', label: 'navForms', roles: ['admin', 'coordinator', 'statistician'], view: Forms },
  // Accounts: ACCOUNT_ADMINS.
  { path: '#/users', label: 'navUsers', roles: ['admin'], view: Users },
  // The same roles as the export route (ANALYSTS).
  { path: '#/exports', label: 'navExports', roles: ['admin', 'statistician'], view: Exports },
  // The records' roles (ANALYSTS); anonymised unless PERSONAL_DATA.
  { path: '#/data', label: 'navData', roles: ['admin', 'statistician'], view: Data },
  // The door's readers (DOOR_READERS); import and issue for MANAGERS, revoke/block for DOOR_STAFF.
  {
    path: '#/tickets',
    label: 'navTickets',
    roles: ['admin', 'coordinator', 'statistician', 'door_supervisor'],
    view: Tickets,
  },
  // The audit log: AUDITORS.
  { path: '#/audit', label: 'navAudit', roles: ['admin'], view: Audit },
];

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function App() {
  const { user, t, loadSession } = useConsole();
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  useEffect(() => {
    void loadSession();
  }, [loadSession]);
  useEffect(() => {
    document.title = t.appName;
  }, [t]);
  if (user === undefined) return <p className="status">{t.loading}</p>;
  if (user === null) return <SignIn />;
  const allowed = PAGES.filter((p) => p.roles.includes(user.role));
  const page = allowed.find((p) => p.path === hash) ?? allowed[0];
  return (
    <>
      <Header current={page?.path} pages={allowed} />
      {/* Named: the forms page frames a kiosk preview, whose own main landmark is unnamed. */}
      <main id="main" aria-label={t.appName}>
        {page === undefined ? <p>{t.forbiddenPage}</p> : <page.view />}
      </main>
    </>
  );
}

function Header({ current, pages }: { current: string | undefined; pages: readonly Page[] }) {
  const { user, t, events, eventId, selectEvent, signOut, toggleLocale } = useConsole();
  return (
    <header className="top">
      <h1>{t.appName}</h1>
      <nav aria-label={t.appName}>
        <ul>
          {pages.map((p) => (
            <li key={p.path}>
              <a href={p.path} aria-current={p.path === current ? 'page' : undefined}>
                {t[p.label]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <label className="event-picker">
        {t.event}
        <select value={eventId ?? ''} onChange={(e) => selectEvent(e.target.value)}>
          {events.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      </label>
      <span className="who">
        {t.signedInAs} <strong>{user?.username}</strong>
      </span>
      <button type="button" onClick={toggleLocale} lang={t.languageCode}>
        {t.language}
      </button>
      <button type="button" onClick={() => void signOut()}>
        {t.signOut}
      </button>
    </header>
  );
}
