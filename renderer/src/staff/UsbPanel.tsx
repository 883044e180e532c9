// The USB tab: with no network, staff write the pending records onto a drive for the server
// (`quiosco import`) and load the server's receipt or set-up back from it. Each form shows the
// counts or the exact reason a file was refused. docs/operations.md (no network at all).
import { useId, useState, type FormEvent } from 'react';
import { z } from 'zod';
import type { CallError } from '../../../shared/ipc/result';
import { BUNDLE_ERRORS } from '../../../shared/sync/bundle';
import { errorText } from '../app/error-text';
import { isMessageKey, SAY_NOTHING, type Translator, type Wording } from '../i18n/i18n';
import { useT } from '../i18n/use-t';
import { KeyboardField } from '../input/KeyboardField';
import { ADDRESS_LAYOUT } from '../input/keyboard-layout';
import { kioskStore } from '../store/use-kiosk';

const BundleErrorDetails = z.object({
  bundleError: z.enum(Object.keys(BUNDLE_ERRORS) as [keyof typeof BUNDLE_ERRORS]),
});
/** The core's code for a refused file, in the kiosk's words; other failures as any call's. */
function refusalText(error: CallError, tr: Translator): string {
  const details = BundleErrorDetails.safeParse(error.details);
  const key = details.success ? `usb.error.${details.data.bundleError}` : '';
  return isMessageKey(key) ? tr.t(key) : errorText(error, tr);
}

export function UsbPanel() {
  const { t } = useT();
  const write = async (directory: string): Promise<Wording> => {
    const result = await kioskStore.getState().writeBundle(directory);
    if (!result.ok) {
      const { error } = result;
      return (tr) => refusalText(error, tr);
    }
    const { file, records, photos, sealed, damagedPhotos } = result.value;
    const damaged = (tr: Translator) =>
      damagedPhotos.length === 0
        ? ''
        : ` ${tr.t('usb.write.damaged', { count: damagedPhotos.length, names: damagedPhotos.join(', ') })}`;
    return (tr) =>
      `${tr.t('usb.write.done', { file, records, photos })} ${tr.t(sealed ? 'usb.write.sealed' : 'usb.write.plain')}${damaged(tr)}`;
  };
  const load = async (path: string): Promise<Wording> => {
    const result = await kioskStore.getState().loadBundle(path);
    if (!result.ok) {
      const { error } = result;
      return (tr) => refusalText(error, tr);
    }
    const v = result.value;
    return (tr) =>
      tr.t('usb.load.done', {
        files: v.files,
        acknowledged: v.acknowledged,
        deadLettered: v.deadLettered,
        photos: v.photosConfirmed,
        changes: v.changes,
        pending: v.pending,
      });
  };
  return (
    <section className="panel usb-panel" aria-labelledby="staff-usb-title">
      <h2 id="staff-usb-title">{t('usb.title')}</h2>
      <p className="hint">{t('usb.help')}</p>
      <PathForm
        title={t('usb.write.title')}
        label={t('usb.write.directory')}
        hint={t('usb.write.hint')}
        button={t('usb.write.button')}
        running={t('usb.write.running')}
        run={write}
      />
      <PathForm
        title={t('usb.load.title')}
        label={t('usb.load.path')}
        hint={t('usb.load.hint')}
        button={t('usb.load.button')}
        running={t('usb.load.running')}
        run={load}
      />
    </section>
  );
}

type PathFormProps = {
  title: string;
  label: string;
  hint: string;
  button: string;
  running: string;
  run(path: string): Promise<Wording>;
};

/** A path typed (or scanned), a button, and the outcome read out in a live region. */
function PathForm({ title, label, hint, button, running, run }: PathFormProps) {
  const translator = useT();
  const ids = { heading: useId(), field: useId(), label: useId(), hint: useId(), outcome: useId() };
  const [path, setPath] = useState('');
  const [keyboardOpen, setKeyboardOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Wording>(() => SAY_NOTHING);
  const say = (wording: Wording) => setOutcome(() => wording);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const trimmed = path.trim();
    if (trimmed === '') {
      say((tr) => tr.t('usb.pathMissing'));
      return;
    }
    setBusy(true);
    say(() => running);
    say(await run(trimmed));
    setBusy(false);
  };

  return (
    <form className="usb-form" aria-labelledby={ids.heading} onSubmit={(e) => void submit(e)} noValidate>
      <h3 id={ids.heading}>{title}</h3>
      <label id={ids.label} htmlFor={ids.field} className="field-label">
        {label}
      </label>
      <p id={ids.hint} className="hint">
        {hint}
      </p>
      <KeyboardField
        id={ids.field}
        value={path}
        onChange={setPath}
        keyboard="on-focus"
        layout={ADDRESS_LAYOUT}
        labelledBy={ids.label}
        describedBy={`${ids.hint} ${ids.outcome}`}
        keyboardOpen={keyboardOpen}
        onKeyboardOpen={setKeyboardOpen}
      />
      <div className="row-buttons">
        {/* aria-disabled, not disabled: a disabled button drops the focus staff just put on it. */}
        <button type="submit" className="button primary" aria-disabled={busy}>
          {button}
        </button>
      </div>
      <p id={ids.outcome} className="panel-message" role="status">
        {outcome(translator)}
      </p>
    </form>
  );
}
