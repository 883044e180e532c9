// A note is text only. The registration's privacy notice (appearance "privacy-notice") also shows
// a QR code to the full notice and the notice's version, as Mexican public-sector law asks.
import { useT } from '../i18n/use-t';
import { QrCode } from '../qr/QrCode';
import { selectSettings } from '../store/selectors';
import { useKiosk } from '../store/use-kiosk';
import type { QuestionProps } from './question-props';

export function NoteQuestion({ page, heading, privacy }: QuestionProps & { privacy: boolean }) {
  const { t, pick } = useT();
  const notice = useKiosk((state) => selectSettings(state)?.privacyNotice);
  if (!privacy || !notice) {
    return <section className="question note">{heading}</section>;
  }
  return (
    <section className="question note privacy-notice">
      {heading}
      <p className="note-text">{pick(page.question.label)}</p>
      <figure className="privacy-qr">
        <QrCode text={notice.url} label={t('privacy.qrLabel')} />
        <figcaption>
          <span>{t('privacy.scan')}</span>
          <span className="notice-version">{t('privacy.version', { version: notice.version })}</span>
        </figcaption>
      </figure>
    </section>
  );
}
