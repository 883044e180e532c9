// A scan's outcome over the whole door screen: colour, icon and large words, read out by screen
// readers as an alert. It closes by itself, with "Siguiente" or Escape; the next scan replaces it.
import { useEffect } from 'react';
import type { DoorVerdict } from '../../../shared/ipc/contract';
import type { CallError } from '../../../shared/ipc/result';
import { errorText } from '../app/error-text';
import { Filled } from '../i18n/Filled';
import type { Translator } from '../i18n/i18n';
import { useT } from '../i18n/use-t';
import type { DoorOutcome } from '../store/door-slice';
import { kioskStore } from '../store/use-kiosk';
import { scanVars } from './door-text';
import { VerdictIcon } from './VerdictIcon';
import { CLOSE_AFTER_MS, outcomeTone, type VerdictTone } from './verdict-look';

/** Key it by the outcome's id: each scan is a new alert with its own timer. */
export function VerdictOverlay({ outcome }: { outcome: DoorOutcome }) {
  const { t } = useT();
  const tone = outcomeTone(outcome);
  const { id } = outcome;

  useEffect(() => {
    const close = () => kioskStore.getState().dismissOutcome(id);
    const timer = setTimeout(close, CLOSE_AFTER_MS[tone]);
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [id, tone]);

  // What e2e tests assert on: the verdict and reason exactly, or the failed call's code.
  const data =
    outcome.kind === 'verdict'
      ? { 'data-verdict': outcome.verdict.scan.verdict, 'data-reason': outcome.verdict.reason }
      : { 'data-error': outcome.error.code };
  return (
    <div className={`verdict-overlay tone-${tone}`} role="alert" data-tone={tone} {...data}>
      <div className="verdict-body">
        <VerdictIcon tone={tone} />
        {outcome.kind === 'verdict' ? (
          <VerdictWords verdict={outcome.verdict} tone={tone} />
        ) : (
          <FailureWords error={outcome.error} />
        )}
      </div>
      <button
        type="button"
        className="button verdict-next"
        onClick={() => kioskStore.getState().dismissOutcome(id)}
      >
        {t('nav.next')}
      </button>
    </div>
  );
}

function VerdictWords({ verdict, tone }: { verdict: DoorVerdict; tone: VerdictTone }) {
  const translator = useT();
  const { t } = translator;
  const { ticket, previousScan } = verdict;
  const type = ticket === null ? null : ticketType(ticket, t);
  const holder = ticket?.holder ? (
    <Filled message={t('door.holder')} vars={{ holder: ticket.holder }} />
  ) : null;
  return (
    <>
      <p className="verdict-title">{t(`door.verdict.${verdict.scan.verdict}`)}</p>
      <p className="verdict-reason">{t(`door.reason.${verdict.reason}`)}</p>
      {verdict.needsAttention ? <p className="verdict-attention">{t('door.attention')}</p> : null}
      {type || holder ? (
        <p className="verdict-ticket">
          {type ? <span>{type}</span> : null}
          {holder ? <span>{holder}</span> : null}
        </p>
      ) : null}
      {/* For an admission the earlier scan is no news; for the rest it explains the verdict. */}
      {previousScan && tone !== 'valid' ? (
        <p className="verdict-previous">
          <Filled
            message={t(`door.previous.${previousScan.direction}`)}
            vars={scanVars(previousScan, translator)}
          />
        </p>
      ) : null}
    </>
  );
}

/** A staff pass says so; a ticket names its type when it has one. */
function ticketType(ticket: NonNullable<DoorVerdict['ticket']>, t: Translator['t']) {
  if (ticket.source === 'pass') return t('door.passType');
  if (ticket.type === null) return null;
  return <Filled message={t('door.ticketType')} vars={{ type: ticket.type }} />;
}

function FailureWords({ error }: { error: CallError }) {
  const translator = useT();
  const { t } = translator;
  return (
    <>
      <p className="verdict-title">{t('door.failed.title')}</p>
      <p className="verdict-reason">{errorText(error, translator)}</p>
      <p className="verdict-previous">{t('door.failed.retry')}</p>
    </>
  );
}
