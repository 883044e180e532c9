// The people page (admins): every console account with its role and state, a form to give
// someone an account with one role, and disabling an account after a confirmation.
import { useCallback, useId, useState, type FormEvent } from 'react';
import {
  UserListResponseSchema,
  UserResponseSchema,
  type ConsoleUserInfo,
} from '../../../shared/console/setup-api';
import { RoleSchema, type Role } from '../../../shared/sync/admin-api';
import { api } from '../api';
import { ConfirmDialog } from '../ConfirmDialog';
import { InputField } from '../fields';
import { ListTable, RowAction } from '../ListTable';
import { PageTitle, useAnnouncement } from '../PageTitle';
import { useSetupText } from '../i18n-setup';
import { useConsole } from '../store';
import { useConfirmation } from '../use-confirmation';
import { usePoll } from '../use-poll';
import '../setup.css';

export function Users() {
  const { t, locale, user: me } = useConsole();
  const s = useSetupText();
  const disabling = useConfirmation<ConsoleUserInfo>();
  const toDisable = disabling.asking;
  const { heading, headingOf, notice, announce } = useAnnouncement();
  const read = useCallback(async () => (await api(UserListResponseSchema, '/users')).users, []);
  const { data, error, refresh } = usePoll(read, 30_000);
  const changed = (text: string) => {
    announce(text);
    refresh();
  };
  const disable = (user: ConsoleUserInfo) =>
    disabling.act(async () => {
      await api(UserResponseSchema, `/users/${encodeURIComponent(user.username)}/disable`, {
        method: 'POST',
      });
      changed(s.userDisabled(user.username));
    });
  const stateOf = (u: ConsoleUserInfo) =>
    u.disabledAt !== null
      ? s.disabled
      : u.lockedUntil !== null && u.lockedUntil > new Date().toISOString()
        ? s.lockedUntil(new Date(u.lockedUntil).toLocaleTimeString(locale))
        : s.active;

  return (
    <section aria-labelledby="users-title">
      <PageTitle id="users-title" title={s.usersTitle} heading={heading} notice={notice} />
      {error !== undefined && <p role="alert">{`${t.errorPrefix} ${error}`}</p>}
      {data === undefined ? (
        <p>{t.loading}</p>
      ) : (
        <ListTable columns={[s.username, s.role, s.state, s.manage]}>
          {data.map((u) => (
            <tr key={u.id} data-testid="user-row">
              <th scope="row">{u.username}</th>
              <td>{s.roleNames[u.role]}</td>
              <td>{stateOf(u)}</td>
              <td>
                {u.disabledAt === null && u.username !== me?.username && (
                  <RowAction
                    label={s.disable}
                    name={s.disableUser(u.username)}
                    onClick={() => disabling.ask(u)}
                  />
                )}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      <NewUser onCreated={(name) => changed(s.userCreated(name))} />
      {toDisable !== undefined && (
        <ConfirmDialog
          title={s.disableTitle(toDisable.username)}
          confirmLabel={s.disableConfirm}
          cancelLabel={s.cancel}
          error={disabling.failure}
          onConfirm={() => void disable(toDisable)}
          onClose={disabling.close}
          fallback={headingOf}
        >
          {s.disableBody}
        </ConfirmDialog>
      )}
    </section>
  );
}

/** The new password and its repeat are the same kind of input. */
const NEW_PASSWORD = { type: 'password', autoComplete: 'new-password', required: true } as const;

function NewUser({ onCreated }: { onCreated(username: string): void }) {
  const { t } = useConsole();
  const s = useSetupText();
  const id = useId();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('coordinator');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [failure, setFailure] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password !== again) {
      setFailure(s.passwordsDiffer);
      return;
    }
    try {
      const { user } = await api(UserResponseSchema, '/users', {
        method: 'POST',
        body: { username, role, password },
      });
      setUsername('');
      setPassword('');
      setAgain('');
      setFailure(undefined);
      onCreated(user.username);
    } catch (err) {
      setFailure(`${t.errorPrefix} ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return (
    <form className="card" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)}>
      <h3 id={`${id}-title`}>{s.newUser}</h3>
      <div className="form-grid">
        <InputField label={s.username} value={username} onValue={setUsername} autoComplete="off" required />
        <label>
          {s.role}
          <select value={role} onChange={(e) => setRole(RoleSchema.parse(e.target.value))}>
            {RoleSchema.options.map((r) => (
              <option key={r} value={r}>
                {s.roleNames[r]}
              </option>
            ))}
          </select>
        </label>
        <InputField
          label={s.password}
          {...NEW_PASSWORD}
          value={password}
          onValue={setPassword}
          minLength={10}
        />
        <InputField label={s.passwordAgain} {...NEW_PASSWORD} value={again} onValue={setAgain} />
      </div>
      {failure !== undefined && <p role="alert">{failure}</p>}
      <div className="actions">
        <button type="submit">{s.createUser}</button>
      </div>
    </form>
  );
}
