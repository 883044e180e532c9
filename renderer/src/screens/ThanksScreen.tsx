// Thank-you, with the visitor pass after a registration; back to the attract screen by itself.
import { encodeVisitorPass } from '../../../shared/passes/visitor-pass';
import { useCountdown } from '../app/use-countdown';
import { useFocusOnMount } from '../app/use-focus-on-mount';
import { useT } from '../i18n/use-t';
import { QrCode } from '../qr/QrCode';
import { kioskStore, useKiosk } from '../store/use-kiosk';

/** Long enough to photograph the pass, short enough that the next visitor does not wait. */
export const THANKS_SECONDS = 15;

export function ThanksScreen() {
  const { t, tc } = useT();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const thanks = useKiosk((state) => state.thanks);
  const { finishThanks } = kioskStore.getState();
  const secondsLeft = useCountdown(THANKS_SECONDS, finishThanks);
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
                <span className="pass-id">{passId.toUpperCase()}</span>
              </figcaption>
            </figure>
            <p className="lead">{t('thanks.photo')}</p>
          </>
        ) : (
          <p className="lead">{t('thanks.saved')}</p>
        )}
        <p className="hint">{tc('thanks.autoReturn', secondsLeft)}</p>
        <button type="button" className="button primary" onClick={finishThanks}>
          {t('thanks.done')}
        </button>
      </div>
    </main>
  );
}
