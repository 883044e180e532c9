// The staff screen's way into field records (heritage and other staff-only forms).
import { useT } from '../i18n/use-t';
import { kioskStore } from '../store/use-kiosk';

export function FieldRecordsPanel() {
  const { t } = useT();
  return (
    <section className="panel" aria-labelledby="staff-field-title">
      <h2 id="staff-field-title">{t('staff.field.title')}</h2>
      <p>{t('staff.field.help')}</p>
      <button
        type="button"
        className="button primary"
        onClick={() => void kioskStore.getState().openFieldRecords()}
      >
        {t('staff.field.open')}
      </button>
    </section>
  );
}
