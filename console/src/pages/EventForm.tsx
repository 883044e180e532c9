// Creating or editing an event: name, first and last day, time zone, capacity. Checked here with
// the server's own schema first, so a mistake is named beside its field before anything is sent.
import { useId, useState, type FormEvent } from 'react';
import {
  EventCreateSchema,
  EventDetailsResponseSchema,
  type EventDetails,
} from '../../../shared/console/setup-api';
import { api } from '../api';
import { useSetupText, type SetupMessages } from '../i18n-setup';
import { said } from '../said';
import { useConsole } from '../store';

type Fields = {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  timeZone: string;
  capacity: string;
};
type FieldName = keyof Fields;

const ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

const fieldsOf = (e: EventDetails | undefined): Fields => ({
  id: e?.id ?? '',
  name: e?.name ?? '',
  startsOn: e?.startsOn ?? '',
  endsOn: e?.endsOn ?? '',
  timeZone: e?.timeZone ?? 'America/Mexico_City',
  capacity: e?.capacity === null || e?.capacity === undefined ? '' : String(e.capacity),
});

const labelOf = (s: SetupMessages, field: FieldName): string =>
  ({
    id: s.eventId,
    name: s.eventName,
    startsOn: s.startsOn,
    endsOn: s.endsOn,
    timeZone: s.timeZone,
    capacity: s.capacity,
  })[field];

export function EventForm(props: { editing: EventDetails | undefined; onSaved(event: EventDetails): void }) {
  const { t } = useConsole();
  const s = useSetupText();
  const id = useId();
  const [fields, setFields] = useState<Fields>(() => fieldsOf(props.editing));
  const [invalid, setInvalid] = useState<{ field: FieldName | undefined; message: string }>();
  const editing = props.editing;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const request = {
      id: fields.id.trim(),
      name: fields.name,
      startsOn: fields.startsOn === '' ? null : fields.startsOn,
      endsOn: fields.endsOn === '' ? null : fields.endsOn,
      timeZone: fields.timeZone.trim() === '' ? null : fields.timeZone.trim(),
      capacity: fields.capacity === '' ? null : Number(fields.capacity),
    };
    const checked = EventCreateSchema.safeParse(
      editing === undefined ? request : { ...request, id: editing.id },
    );
    if (!checked.success) {
      const field = checked.error.issues[0]?.path[0] as FieldName | undefined;
      const label = field === undefined ? '' : labelOf(s, field);
      setInvalid({ field, message: s.invalidField(label) });
      return;
    }
    try {
      const { id: eventId, ...edit } = checked.data;
      const saved =
        editing === undefined
          ? await api(EventDetailsResponseSchema, '/setup/events', { method: 'POST', body: checked.data })
          : await api(EventDetailsResponseSchema, `/setup/events/${encodeURIComponent(eventId)}`, {
              method: 'POST',
              body: edit,
            });
      setInvalid(undefined);
      props.onSaved(saved.event);
    } catch (err) {
      setInvalid({
        field: undefined,
        message: `${t.errorPrefix} ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  };

  const input = (field: FieldName, attrs: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <label>
      {labelOf(s, field)}
      <input
        {...attrs}
        value={fields[field]}
        onChange={(e) => setFields({ ...fields, [field]: e.target.value })}
        aria-invalid={invalid?.field === field ? true : undefined}
        aria-describedby={invalid?.field === field ? `${id}-error` : undefined}
      />
    </label>
  );
  return (
    <form className="card" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)}>
      <h3 id={`${id}-title`}>{editing === undefined ? s.newEvent : said(s.editEvent, editing.name)}</h3>
      <div className="form-grid">
        {editing === undefined && (
          <div>
            {input('id', { required: true, autoComplete: 'off', spellCheck: false })}
            <p className="status">{s.idHelp}</p>
          </div>
        )}
        {input('name', { required: true })}
        {input('startsOn', { type: 'date' })}
        {input('endsOn', { type: 'date' })}
        {input('timeZone', { list: `${id}-zones`, autoComplete: 'off' })}
        {input('capacity', { type: 'number', min: 1, inputMode: 'numeric' })}
      </div>
      <datalist id={`${id}-zones`}>
        {ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      {invalid !== undefined && (
        <p role="alert" id={`${id}-error`}>
          {invalid.message}
        </p>
      )}
      <div className="actions">
        <button type="submit">{editing === undefined ? s.create : s.save}</button>
      </div>
    </form>
  );
}
