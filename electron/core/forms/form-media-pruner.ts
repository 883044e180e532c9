// When the kiosk prunes old forms' images (form-media-prune.ts): at start, after a pull or a USB
// bundle that brought forms, and after later sync rounds while an image waits on something that
// ends. Never while images are being installed: those of a form not yet applied are named by no
// installed version, and must not go before it lands.
import { mediaFileNames } from '../../../shared/forms/media-uses';
import { fieldForms, type FieldContext } from '../field/field-context';
import { pruneFormMedia, versionsInRecords, type FormVersionRef, type PruneReport } from './form-media-prune';

/**
 * A form handed to a screen stays there until the visitor finishes or the idle reset ends the
 * session (at most the idle timeout, an hour, after the last touch); the screen then asks again
 * and gets the new version. Its images stay this long after a screen last got it.
 */
export const SCREEN_HOLD_MS = 2 * 60 * 60_000;

export type FormMediaPrunerContext = Pick<FieldContext, 'db' | 'forms' | 'settings' | 'now'> & {
  dataDir: string;
  logError: (message: string, error: unknown) => void;
};

export type FormMediaPruner = {
  /** A screen was given these versions to show (the attract screen's forms, the field forms). */
  shown(versions: readonly FormVersionRef[]): void;
  /** Runs `work` (images fetched, then their forms applied); no prune removes files meanwhile. */
  installing<T>(work: () => Promise<T>): Promise<T>;
  /** Forms arrived: a prune is due. */
  formsChanged(): void;
  /** Prunes now, or after the install in flight; undefined when it did not run (or failed, logged). */
  prune(): PruneReport | undefined;
  /** Whether a prune is due: forms arrived, one was put off, or one kept images for something that ends. */
  owed(): boolean;
};

export function createFormMediaPruner(ctx: FormMediaPrunerContext): FormMediaPruner {
  const lastShown = new Map<string, { ref: FormVersionRef; at: number }>();
  let installs = 0;
  let owed = false;

  const prune = (): PruneReport | undefined => {
    if (installs > 0) {
      owed = true;
      return undefined;
    }
    const now = ctx.now();
    try {
      const since = now.getTime() - SCREEN_HOLD_MS;
      for (const [key, { at }] of lastShown) if (at < since) lastShown.delete(key);
      const records = versionsInRecords(
        ctx.db,
        fieldForms(ctx).map((f) => f.formId),
      );
      const needed = {
        lasting: [...ctx.forms.listInstalled(), ...records.fieldRecords],
        passing: [...records.drafts, ...records.unsent, ...[...lastShown.values()].map((s) => s.ref)],
      };
      const imagesOf = (ref: FormVersionRef) => {
        const definition = ctx.forms.get(ref.formId, ref.version)?.definition;
        return definition === undefined ? [] : mediaFileNames(definition);
      };
      const report = pruneFormMedia(ctx.dataDir, needed, imagesOf, now);
      owed = report.deferred > 0;
      return report;
    } catch (e) {
      ctx.logError("forms: could not remove old forms' images", e);
      return undefined;
    }
  };

  return {
    shown(versions) {
      const at = ctx.now().getTime();
      for (const { formId, version } of versions)
        lastShown.set(`${formId}\u0000${version}`, { ref: { formId, version }, at });
    },
    async installing(work) {
      installs++;
      try {
        return await work();
      } finally {
        installs--;
      }
    },
    formsChanged: () => {
      owed = true;
    },
    prune,
    owed: () => owed,
  };
}
