// rank: the choices as a numbered list, each with big "up" and "down" buttons; the order counts
// as an answer once the person moves one or confirms the order shown.
import { useState } from 'react';
import { useT } from '../i18n/use-t';
import type { QuestionProps } from './question-props';
import { moveRank, rankOrder } from './rank-order';

export function RankQuestion({ value, onChange, heading, notes, describedBy, choices }: QuestionProps) {
  const { t, pick, formLang } = useT();
  const [said, setSaid] = useState('');
  const answer = Array.isArray(value) ? value.filter((v) => typeof v === 'string') : undefined;
  const order = rankOrder(
    answer,
    choices.map((choice) => choice.name),
  );
  const label = (name: string) => pick(choices.find((choice) => choice.name === name)?.label) || name;
  const move = (index: number, step: -1 | 1) => {
    const next = moveRank(order, index, step);
    onChange(next);
    const name = order[index] ?? '';
    setSaid(t('rank.moved', { choice: label(name), position: next.indexOf(name) + 1 }));
  };
  return (
    <section className="question" aria-describedby={describedBy}>
      {heading}
      {notes}
      <ol className="rank-list">
        {order.map((name, index) => (
          <li key={name} className="rank-item">
            <span className="rank-position" aria-hidden="true">
              {index + 1}
            </span>
            <span className="rank-label" lang={formLang}>
              {label(name)}
            </span>
            <button
              type="button"
              className="button secondary rank-move"
              aria-label={t('rank.up', { choice: label(name) })}
              disabled={index === 0}
              onClick={() => move(index, -1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="button secondary rank-move"
              aria-label={t('rank.down', { choice: label(name) })}
              disabled={index === order.length - 1}
              onClick={() => move(index, 1)}
            >
              ↓
            </button>
          </li>
        ))}
      </ol>
      {answer === undefined ? (
        <button type="button" className="button primary" onClick={() => onChange(order)} data-entry>
          {t('rank.keep')}
        </button>
      ) : null}
      <p className="sr-only" aria-live="polite">
        {said}
      </p>
    </section>
  );
}
