import { useState, type FormEvent } from 'react';
import { InputField } from '../fields';
import { signInRefusalText } from '../i18n-sign-in';
import { useConsole } from '../store';

export function SignIn() {
  const { t, locale, error, signIn, toggleLocale } = useConsole();
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
        <InputField
          label={t.username}
          autoComplete="username"
          value={username}
          onValue={setUsername}
          required
        />
        <InputField
          label={t.password}
          type="password"
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          required
        />
        {error !== undefined && (
          <p role="alert" className="error">
            {signInRefusalText(error, locale)}
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
