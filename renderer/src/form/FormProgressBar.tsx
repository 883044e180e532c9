// The step counter and bar. A progressbar with its value in percent and the words as its text,
// so a screen reader hears "Paso 3 de 26" and the bar's fill never moves back (form-progress.ts).
import { useT } from '../i18n/use-t';
import type { Progress } from '../store/form-progress';

export function FormProgressBar({ progress, fraction }: { progress: Progress; fraction: number }) {
  const { t } = useT();
  // Rounded down: only the review, the real last step, shows 100.
  const percent = progress.step === progress.total ? 100 : Math.min(99, Math.floor(fraction * 100));
  const words = t('form.progress', { current: progress.step, total: progress.total });
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={t('form.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={words}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span aria-hidden="true">{words}</span>
    </div>
  );
}
