// A form version as the kiosk will ask it: the kiosk's own screens (KioskPreview), then its
// questions in order, inside their groups, with type, whether required, choices, the condition
// that shows each and what is personal data.
import type { FormDefinition, FormNode, Localized } from '../../../shared/forms/form-definition';
import { usePreviewText } from '../i18n-preview';
import { useSetupText } from '../i18n-setup';
import { useConsole } from '../store';
import { KioskPreview } from './KioskPreview';

/** The label in the console's language, else the form's default language, else any. */
export function useLabel(definition: FormDefinition): (text: Localized | undefined) => string {
  const locale = useConsole((state) => state.locale);
  const language = locale.slice(0, 2);
  return (text) =>
    text === undefined
      ? ''
      : (text[language] ?? text[definition.defaultLanguage] ?? Object.values(text)[0] ?? '');
}

export function FormPreview(props: { eventId: string; definition: FormDefinition; onClose(): void }) {
  const { eventId, definition, onClose } = props;
  const s = useSetupText();
  const p = usePreviewText();
  const label = useLabel(definition);
  const title = s.previewOf(definition.formId, definition.version);
  return (
    <section className="card preview" aria-label={title}>
      <h3 tabIndex={-1}>{label(definition.title)}</h3>
      <p className="status">
        {title}. {s.previewNote}
      </p>
      <KioskPreview eventId={eventId} definition={definition} />
      {/* Not a heading: the framed kiosk's own headings come before it in the page's outline. */}
      <section aria-label={p.questionList}>
        <Nodes nodes={definition.children} definition={definition} label={label} />
      </section>
      <button type="button" className="secondary" onClick={onClose}>
        {s.close}
      </button>
    </section>
  );
}

function Nodes(props: {
  nodes: FormNode[];
  definition: FormDefinition;
  label: (text: Localized | undefined) => string;
}) {
  const s = useSetupText();
  const { definition, label } = props;
  return (
    <ol className="questions">
      {props.nodes.map((node) =>
        node.kind === 'question' ? (
          <li key={node.name}>
            <strong>
              <bdi>{label(node.label) || node.name}</bdi>
            </strong>{' '}
            <span className="mono">{node.name}</span>
            <span className="tags">
              {' · '}
              {s.questionType}: {node.type}
              {node.required && ` · ${s.required}`}
              {node.pii && ` · ${s.personal}`}
            </span>
            {node.hint !== undefined && <p className="status">{label(node.hint)}</p>}
            {node.relevant !== undefined && (
              <p>
                {s.shownIf}: <code>{node.relevant}</code>
              </p>
            )}
            {node.listName !== undefined && (
              <p>
                {s.choicesOf}:{' '}
                {(definition.choices[node.listName] ?? []).map((c) => label(c.label) || c.name).join(' · ')}
              </p>
            )}
          </li>
        ) : (
          <li key={node.name}>
            <strong>{label(node.label) || node.name}</strong> ({node.kind === 'repeat' ? s.repeat : s.group})
            {node.relevant !== undefined && (
              <p>
                {s.shownIf}: <code>{node.relevant}</code>
              </p>
            )}
            <Nodes nodes={node.children} definition={definition} label={label} />
          </li>
        ),
      )}
    </ol>
  );
}
