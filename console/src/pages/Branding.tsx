// An event's branding on the events page (managers): its colours, each with a colour picker and a
// #rrggbb field, its logo and attract images as the kiosks will show them, upload, remove, clear.
// The server checks contrast and images (SVG refused) and its exact reason is shown beside the part
// it was about; the page does not guess at the checks.
import { useCallback, useId, useState, type FormEvent } from 'react';
import { brandImageUrl, brandingPath } from '../../../shared/console/branding-api';
import type { EventDetails } from '../../../shared/console/setup-api';
import {
  BRAND_COLOUR_NAMES,
  BrandingResponseSchema,
  DEFAULT_BRAND_COLOURS,
  type BrandColours,
  type BrandingUpdate,
} from '../../../shared/sync/branding';
import { api } from '../api';
import { ConfirmDialog } from '../ConfirmDialog';
import { base64 } from '../form-files';
import { useBrandingText } from '../i18n-branding';
import { said } from '../said';
import { useConsole } from '../store';
import { usePoll } from '../use-poll';
import '../branding.css';

/** The part of the section a change was about: where the server's reason is shown. */
type Part = 'colours' | 'logo' | 'attract';
const IMAGE_TYPES = 'image/png,image/jpeg,image/webp';
const HEX = /^#[0-9a-fA-F]{6}$/;

export function Branding({ event, onChanged }: { event: EventDetails; onChanged(text: string): void }) {
  const { t } = useConsole();
  const b = useBrandingText();
  const id = useId();
  const path = brandingPath(event.id);
  const read = useCallback(async () => api(BrandingResponseSchema, path), [path]);
  const { data, error, refresh } = usePoll(read, 60_000);
  const [problem, setProblem] = useState<{ part: Part; message: string }>();
  const [clearing, setClearing] = useState<{ busy: boolean; error?: string }>();

  /** undefined once saved, else the server's reason (after the page's own prefix). */
  const send = async (body: BrandingUpdate): Promise<string | undefined> => {
    try {
      await api(BrandingResponseSchema, path, { method: 'POST', body });
      setProblem(undefined);
      refresh();
      onChanged(b.saved);
      return undefined;
    } catch (err) {
      return `${t.errorPrefix} ${err instanceof Error ? err.message : String(err)}`;
    }
  };
  const sendFor = async (part: Part, body: BrandingUpdate) => {
    const failed = await send(body);
    if (failed !== undefined) setProblem({ part, message: failed });
  };
  const upload = async (part: 'logo' | 'attract', input: HTMLInputElement) => {
    const files = [...(input.files ?? [])];
    // Emptied so that picking the same file again (after fixing it) is a change too.
    input.value = '';
    if (files.length === 0) return;
    const images = await Promise.all(files.map(async (f) => base64(new Uint8Array(await f.arrayBuffer()))));
    await sendFor(part, part === 'logo' ? { logo: images[0] } : { attract: images });
  };
  const clear = async () => {
    setClearing({ busy: true });
    const failed = await send({ clear: true });
    setClearing(failed === undefined ? undefined : { busy: false, error: failed });
  };

  const problemId = (part: Part) => `${id}-${part}-problem`;
  const describedBy = (part: Part) => (problem?.part === part ? problemId(part) : undefined);
  const problemOf = (part: Part) =>
    problem?.part === part && (
      <p role="alert" id={problemId(part)}>
        {problem.message}
      </p>
    );
  const branding = data?.branding ?? null;
  const fileInput = (part: 'logo' | 'attract', label: string) => (
    <label className="brand-file">
      {label}
      <input
        type="file"
        accept={IMAGE_TYPES}
        multiple={part === 'attract'}
        aria-invalid={problem?.part === part ? true : undefined}
        aria-describedby={describedBy(part)}
        onChange={(e) => void upload(part, e.currentTarget)}
      />
    </label>
  );
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{said(b.brandingTitle, event.name)}</h3>
      <p className="status">{b.brandingHelp}</p>
      {error !== undefined && <p role="alert">{error}</p>}
      {data !== undefined && (
        <>
          <ColourForm
            key={JSON.stringify(branding?.colours ?? null)}
            colours={branding?.colours ?? null}
            describedBy={describedBy('colours')}
            onSave={(colours) => void sendFor('colours', { colours })}
          />
          {problemOf('colours')}

          <h4>{b.logo}</h4>
          {branding?.logo ? (
            <img
              className="brand-image"
              src={brandImageUrl(event.id, branding.logo.sha256)}
              alt={b.logoAlt(event.name)}
            />
          ) : (
            <p>{b.noLogo}</p>
          )}
          <div className="actions">
            {fileInput('logo', b.uploadLogo)}
            {branding?.logo && (
              <button
                type="button"
                className="secondary"
                onClick={() => void sendFor('logo', { logo: null })}
              >
                {b.removeLogo}
              </button>
            )}
          </div>
          {problemOf('logo')}

          <h4>{b.attract}</h4>
          {branding === null || branding.attract.length === 0 ? (
            <p>{b.noAttract}</p>
          ) : (
            <ul className="brand-images">
              {branding.attract.map((image, i) => (
                <li key={image.sha256}>
                  <img
                    className="brand-image"
                    src={brandImageUrl(event.id, image.sha256)}
                    alt={b.attractAlt(i + 1)}
                  />
                </li>
              ))}
            </ul>
          )}
          {fileInput('attract', b.replaceAttract)}
          {problemOf('attract')}

          {branding !== null && (
            <div className="actions">
              <button type="button" className="secondary" onClick={() => setClearing({ busy: false })}>
                {b.clearAll}
              </button>
            </div>
          )}
        </>
      )}
      {clearing !== undefined && (
        <ConfirmDialog
          title={b.clearTitle}
          confirmLabel={b.clearConfirm}
          cancelLabel={b.cancel}
          busy={clearing.busy}
          error={clearing.error}
          onConfirm={() => void clear()}
          onClose={() => setClearing(undefined)}
        >
          {b.clearBody}
        </ConfirmDialog>
      )}
    </section>
  );
}

/** The five colours, each a picker and a #rrggbb field kept in step; null: the kiosks' own. */
function ColourForm(props: {
  colours: BrandColours | null;
  describedBy: string | undefined;
  onSave(colours: BrandColours): void;
}) {
  const b = useBrandingText();
  const id = useId();
  const [draft, setDraft] = useState<BrandColours>({ ...(props.colours ?? DEFAULT_BRAND_COLOURS) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSave(draft);
  };
  const invalid = props.describedBy === undefined ? undefined : true;
  return (
    <form onSubmit={submit} noValidate>
      <fieldset className="brand-colours">
        <legend>{b.colours}</legend>
        {props.colours === null && <p className="status">{b.kioskLook}</p>}
        {BRAND_COLOUR_NAMES.map((name) => (
          <div className="brand-colour" key={name}>
            <label htmlFor={`${id}-${name}`}>{b.colour[name]}</label>
            <input
              type="color"
              aria-label={b.pick(b.colour[name])}
              // A picker holds only #rrggbb: while the field is being typed in, it shows the last whole colour.
              value={
                HEX.test(draft[name])
                  ? draft[name].toLowerCase()
                  : (props.colours ?? DEFAULT_BRAND_COLOURS)[name]
              }
              onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
            />
            <input
              id={`${id}-${name}`}
              type="text"
              value={draft[name]}
              spellCheck={false}
              autoComplete="off"
              maxLength={7}
              aria-invalid={invalid}
              aria-describedby={props.describedBy}
              onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
            />
          </div>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit">{b.saveColours}</button>
      </div>
    </form>
  );
}
