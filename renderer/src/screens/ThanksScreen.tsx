// Thank-you, with the visitor pass after a registration; back to the attract screen by itself.
import { useState } from 'react';
import { encodeVisitorPass } from '../../../shared/passes/visitor-pass';
import { useCountdown } from '../app/use-countdown';
import { useFocusOnMount } from '../app/use-focus-on-mount';
import { useT } from '../i18n/use-t';
import { QrCode } from '../qr/QrCode';
import { kioskStore, useKiosk } from '../store/use-kiosk';
import { passNumber, spacedPassNumber } from './pass-number';

/** Long enough to photograph the pass, short enough that the next visitor does not wait. */
export const THANKS_SECONDS = 15;
/** "Más tiempo" starts the countdown again from this. */
export const MORE_TIME_SECONDS = 60;

export function ThanksScreen() {
  const { t } = useT();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const thanks = useKiosk((state) => state.thanks);
  const { finishThanks } = kioskStore.getState();
  // Each "Más tiempo" is a new countdown (the key restarts it).
  const [round, setRound] = useState(0);
  const passId = thanks?.passId ?? null;
  return (
    <main className="screen thanks-screen">
      <div className="centered">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('thanks.title')}
        </h1>
        {passId ? (
          <>
            <p className="lead">{t('thanks.registration')}</p>
            <figure className="pass">
              <QrCode text={encodeVisitorPass(passId)} label={t('thanks.passQr')} />
              <figcaption>
                <span className="pass-label">{t('thanks.passId')}</span>
                <span className="pass-number">{spacedPassNumber(passNumber(passId))}</span>
                <span className="hint">{t('thanks.passNumberHelp')}</span>
              </figcaption>
            </figure>
            <p className="lead">{t('thanks.photo')}</p>
          </>
        ) : (
          <p className="lead">{t('thanks.saved')}</p>
        )}
        <AutoReturn key={round} seconds={round === 0 ? THANKS_SECONDS : MORE_TIME_SECONDS} />
        <div className="row-buttons thanks-buttons">
          <button type="button" className="button secondary" onClick={() => setRound(round + 1)}>
            {t('thanks.moreTime')}
          </button>
          {passId ? (
            <button type="button" className="button secondary" onClick={() => window.print()}>
              {t('thanks.print')}
            </button>
          ) : null}
          <button type="button" className="button primary" onClick={finishThanks}>
            {t('thanks.done')}
          </button>
        </div>
      </div>
    </main>
  );
}

function AutoReturn({ seconds }: { seconds: number }) {
  const { tc } = useT();
  const secondsLeft = useCountdown(seconds, kioskStore.getState().finishThanks);
  return <p className="hint">{tc('thanks.autoReturn', secondsLeft)}</p>;
}
