// A form version in the real kiosk renderer: the server's /preview/ page (it saves nothing) in a
// modal dialog at a kiosk's screen size, drawn at half scale, or in a tab of its own. A dialog at
// the end of the page, because the framed kiosk's headings join the page's outline where it sits.
import { useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { previewPageUrl } from '../../../shared/console/preview-api';
import type { FormDefinition } from '../../../shared/forms/form-definition';
import { usePreviewText } from '../i18n-preview';
import { useSetupText } from '../i18n-setup';
import { useConsole } from '../store';
import '../preview.css';

type Orientation = 'portrait' | 'landscape';
const ORIENTATIONS: readonly Orientation[] = ['portrait', 'landscape'];

export function KioskPreview({ eventId, definition }: { eventId: string; definition: FormDefinition }) {
  const p = usePreviewText();
  const [open, setOpen] = useState(false);
  if (definition.kind === 'heritage') return <p>{p.heritageNote}</p>;
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        {p.kioskPreview}
      </button>
      {open &&
        createPortal(
          <KioskDialog eventId={eventId} definition={definition} onClose={() => setOpen(false)} />,
          document.body,
        )}
    </>
  );
}

function KioskDialog(props: { eventId: string; definition: FormDefinition; onClose(): void }) {
  const { eventId, definition, onClose } = props;
  const p = usePreviewText();
  const s = useSetupText();
  const locale = useConsole((state) => state.locale);
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const { formId, version, languages } = definition;
  // Spanish first, as the kiosks open.
  const [language, setLanguage] = useState(languages.includes('es') ? 'es' : definition.defaultLanguage);
  const [orientation, setOrientation] = useState<Orientation>('portrait');
  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement;
    if (dialog !== null && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      if (before instanceof HTMLElement) before.focus();
    };
  }, []);
  const names = new Intl.DisplayNames([locale], { type: 'language' });
  const url = previewPageUrl({ eventId, formId, version }, language);
  return (
    <dialog
      ref={ref}
      className="kiosk-preview"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={`${id}-title`}>{p.frameTitle(formId, version)}</h2>
      <p className="status">{p.kioskPreviewNote}</p>
      <div className="row-actions">
        <fieldset>
          <legend>{p.language}</legend>
          {languages.map((code) => (
            <label key={code} className="check">
              <input
                type="radio"
                name={`${id}-language`}
                checked={language === code}
                onChange={() => setLanguage(code)}
              />
              {names.of(code) ?? code}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{p.orientation}</legend>
          {ORIENTATIONS.map((o) => (
            <label key={o} className="check">
              <input
                type="radio"
                name={`${id}-orientation`}
                checked={orientation === o}
                onChange={() => setOrientation(o)}
              />
              {p[o]}
            </label>
          ))}
        </fieldset>
        <a className="button secondary" href={url} target="_blank" rel="noopener noreferrer">
          {p.openInTab}
        </a>
        <button type="button" className="secondary" onClick={onClose}>
          {s.close}
        </button>
      </div>
      <div className={`kiosk-frame ${orientation}`}>
        {/* A new page for each language: the kiosk opens the form in it, as a visitor who chose it. */}
        <iframe key={url} src={url} title={p.frameTitle(formId, version)} />
      </div>
    </dialog>
  );
}
