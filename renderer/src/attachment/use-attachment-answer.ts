// What photo and recording questions share around their own steps: the answer is a stored file's
// name, "saved" shows once one is kept, a kept file can be changed or removed, one problem line,
// and focus that follows staff's actions (on arrival it stays on the question's heading).
import { useRef, useState } from 'react';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import { errorText } from '../app/error-text';
import type { QuestionProps } from '../form/question-props';
import type { MessageKey } from '../i18n/es';
import type { Wording } from '../i18n/i18n';
import { useT } from '../i18n/use-t';

type Idle = { kind: 'idle' };
const IDLE: Idle = { kind: 'idle' };

type Saving<Step> = {
  /** The step while attachment:save works, and the one to go back to if it fails. */
  saving: Step;
  review: Step;
  store(): Promise<Result<ChannelOutput<'attachment:save'>>>;
  /** Says why it failed, given `reason`. */
  failed: MessageKey;
};

export function useAttachmentAnswer<Step extends { kind: string }>({
  value,
  onChange,
}: Pick<QuestionProps, 'value' | 'onChange'>) {
  const translator = useT();
  const name = typeof value === 'string' && value !== '' ? value : null;
  const [step, setStep] = useState<Step | Idle>(IDLE);
  const [changing, setChanging] = useState(false);
  const [problem, setProblem] = useState<Wording | null>(null);
  const [saved, setSaved] = useState(false);
  const [acted, setActed] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  /** The next step, staff's action taking focus, and the problem it ran into (none clears it). */
  const go = (next: Step | Idle, trouble: Wording | null = null) => {
    setActed(true);
    setProblem(() => trouble);
    setStep(next);
  };
  const kept = (stored: string) => {
    onChange(stored);
    setSaved(true);
    setChanging(false);
    go(IDLE);
  };
  const idle = step.kind === 'idle';
  return {
    step,
    go,
    goIdle: (trouble: Wording | null = null) => go(IDLE, trouble),
    /** A problem that does not move the question on (a recording stopped at its size limit). */
    warn: (trouble: Wording) => setProblem(() => trouble),
    problemText: problem ? problem(translator) : '',
    acted,
    fileRef,
    chooseFile: () => fileRef.current?.click(),
    /** The kept file, while it is shown rather than being changed. */
    keptName: idle && !changing ? name : null,
    picking: idle && (name === null || changing),
    showsSaved: saved && name !== null && idle,
    cancelChange: changing ? () => setChanging(false) : null,
    /** The stored file becomes the answer only once attachment:save has answered. */
    save: async ({ saving, review, store, failed }: Saving<Step>) => {
      go(saving);
      const result = await store();
      if (result.ok) return kept(result.value.name);
      const { error } = result;
      go(review, (tr) => tr.t(failed, { reason: errorText(error, tr) }));
    },
    change: () => {
      setSaved(false);
      setChanging(true);
      go(IDLE);
    },
    remove: () => {
      setSaved(false);
      onChange(undefined);
      go(IDLE);
    },
  };
}
