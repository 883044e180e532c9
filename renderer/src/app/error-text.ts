import type { CallError } from '../../../shared/ipc/result';
import { isMessageKey, type Translator } from '../i18n/i18n';

/**
 * A failed call. The code is a plain string: the core may pass on one this build has no words
 * for (e.g. from the sync server).
 */
export type FailedCall = Omit<CallError, 'code'> & { code: string };

/** Plain words for a failed call; the technical message stays in the logs. */
export function errorText(error: FailedCall, { t, tc }: Translator): string {
  const details = typeof error.details === 'object' && error.details !== null ? error.details : {};
  const number = (name: string): number | undefined => {
    const value: unknown = (details as Record<string, unknown>)[name];
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  };
  switch (error.code) {
    case 'pin_wrong': {
      const attemptsLeft = number('attemptsLeft');
      return attemptsLeft === undefined ? t('error.pin_wrong') : tc('pin.wrong', attemptsLeft);
    }
    case 'pin_locked': {
      const seconds = number('retryAfterSeconds');
      return seconds === undefined ? t('error.pin_locked') : tc('pin.locked', seconds);
    }
    default: {
      const key = `error.${error.code}`;
      return isMessageKey(key) ? t(key) : t('error.unknown', { code: error.code });
    }
  }
}
