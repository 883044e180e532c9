import { useState, type FormEvent } from 'react';
import { useConsole } from '../store';

export function SignIn() {
  const { t, error, signIn, toggleLocale } = useConsole();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void signIn(username, password);
  };
  return (
    <main id="main" className="sign-in">
      <h1>{t.appName}</h1>
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">{t.signInTitle}</h2>
        <label>
          {t.username}
          <input
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label>
          {t.password}
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error !== undefined && (
          <p role="alert" className="error">
            {t.errorPrefix} {error}
          </p>
        )}
        <button type="submit">{t.signIn}</button>
      </form>
      <button type="button" onClick={toggleLocale} lang={t.languageCode}>
        {t.language}
      </button>
    </main>
  );
}
