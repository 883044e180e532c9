// Leaving kiosk mode ends the kiosk for visitors: one tap asks, a second, deliberate one confirms.
import { useState } from 'react';
import { useStepOnMount } from '../app/tap-guard';
import { useFocusOnMount } from '../app/use-focus-on-mount';
import { useT } from '../i18n/use-t';

type Props = { busy: boolean; onExit(): void };

export function ExitPanel({ busy, onExit }: Props) {
  const { t } = useT();
  const [asking, setAsking] = useState(false);
  return (
    <section className="panel" aria-labelledby="staff-exit-title">
      <h2 id="staff-exit-title">{t('staff.exit.title')}</h2>
      <p>{t('staff.exit.help')}</p>
      {asking ? (
        <ExitConfirm busy={busy} onExit={onExit} onCancel={() => setAsking(false)} />
      ) : (
        <button type="button" className="button danger" onClick={() => setAsking(true)} disabled={busy}>
          {t('staff.exit')}
        </button>
      )}
    </section>
  );
}

function ExitConfirm({ busy, onExit, onCancel }: Props & { onCancel(): void }) {
  const { t } = useT();
  // "Sí, salir" appears where the finger was: a double tap must not confirm.
  useStepOnMount();
  const safeRef = useFocusOnMount<HTMLButtonElement>();
  return (
    <div className="exit-confirm" role="group" aria-labelledby="staff-exit-question">
      <p id="staff-exit-question" className="exit-question">
        {t('staff.exit.confirm')}
      </p>
      <div className="row-buttons">
        <button ref={safeRef} type="button" className="button secondary" onClick={onCancel}>
          {t('staff.exit.no')}
        </button>
        <button type="button" className="button danger" onClick={onExit} disabled={busy}>
          {t('staff.exit.yes')}
        </button>
      </div>
    </div>
  );
}
