// "Letra más grande": the whole kiosk's text one step larger for this visitor (every size is in
// rem); back to normal when the kiosk returns to the attract screen for the next one.
import { useT } from '../i18n/use-t';
import { kioskStore, useKiosk } from '../store/use-kiosk';

export function LargerTextToggle({ className = 'button secondary small' }: { className?: string }) {
  const { t } = useT();
  const on = useKiosk((state) => state.largerText);
  return (
    <button
      type="button"
      className={`${className} larger-text-toggle`}
      aria-pressed={on}
      onClick={() => kioskStore.getState().setLargerText(!on)}
    >
      <span aria-hidden="true">A+ </span>
      {t('a11y.largerText')}
    </button>
  );
}
