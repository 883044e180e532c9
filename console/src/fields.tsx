// Labelled form controls whose change hands back the value itself: the filter and set-up forms
// hold their values in state, keyed by field.
import type { InputHTMLAttributes } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'>;

/** The label's text, then the input; any other attribute goes to the input as it is. */
export function InputField({
  label,
  value,
  onValue,
  ...input
}: InputProps & { label: string; value: string; onValue(value: string): void }) {
  return (
    <label>
      {label}
      <input {...input} value={value} onChange={(e) => onValue(e.target.value)} />
    </label>
  );
}

/** A checkbox, then its label's text. */
export function CheckField(props: { label: string; checked: boolean; onCheck(checked: boolean): void }) {
  return (
    <label className="check">
      <input type="checkbox" checked={props.checked} onChange={(e) => props.onCheck(e.target.checked)} />
      {props.label}
    </label>
  );
}
