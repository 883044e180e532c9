// The console's form preview: the kiosk's own screens with no kiosk core behind them. The one
// kiosk offers just the previewed form version (from the console API, the signed-in session
// decides who may see it); answers stay in the store, a submission is checked as the core checks
// it and thanked for, and nothing is saved anywhere. What only a real kiosk does (photos, staff
// screen, door) answers "not in preview".
import {
  PreviewBootstrapResponseSchema,
  previewBootstrapUrl,
  type PreviewPage,
} from '../../../shared/console/preview-api';
import { checkedAnswers } from '../../../shared/forms/checked-answers';
import { compileForm } from '../../../shared/forms/engine';
import type { FormDefinition } from '../../../shared/forms/form-definition';
import { parseChannelInput } from '../../../shared/ipc/channel-input';
import type { Channel, ChannelOutput } from '../../../shared/ipc/contract';
import { CallFailure, fail, ok, type ErrorCode, type Result } from '../../../shared/ipc/result';
import { ErrorBodySchema } from '../../../shared/sync/protocol';
// A pure date function: the kiosk's "today" is the core's, so the preview's is the same.
import { localDate } from '../../../electron/core/time/local-day';
import type { Api } from './transport';

export type PreviewOptions = {
  page: PreviewPage;
  /** The language the console asked for; the form's default otherwise. */
  language: string | undefined;
  fetchImpl?: typeof fetch;
  now?: () => Date;
  newId?: () => string;
};

export const NOT_IN_PREVIEW =
  'Not in preview: photos, files, the staff screen and the door need a real kiosk (quiosco forms preview FILE opens one)';

/** The sync server's refusal codes, as the kiosk's screens word them. */
const CALL_ERROR: Partial<Record<string, ErrorCode>> = {
  invalid_input: 'invalid_input',
  not_found: 'form_not_found',
  unauthenticated: 'forbidden',
  forbidden: 'forbidden',
};

export function previewApi({
  page,
  language,
  fetchImpl = (...args) => fetch(...args),
  now = () => new Date(),
  newId = () => crypto.randomUUID(),
}: PreviewOptions): Api {
  let shown: { definition: FormDefinition; compiled: ReturnType<typeof compileForm> } | undefined;

  async function bootstrap(): Promise<Result<ChannelOutput<'kiosk:bootstrap'>>> {
    const response = await fetchImpl(previewBootstrapUrl(page, language), { credentials: 'same-origin' });
    const body: unknown = await response.json();
    if (!response.ok) {
      const refused = ErrorBodySchema.safeParse(body);
      return refused.success
        ? fail(CALL_ERROR[refused.data.error.code] ?? 'internal', refused.data.error.message)
        : fail('internal', `HTTP ${response.status}: the console's answer is not an error body`);
    }
    const { bootstrap: value } = PreviewBootstrapResponseSchema.parse(body);
    const [definition] = value.forms;
    shown = definition && { definition, compiled: compileForm(definition) };
    return ok(value);
  }

  function save(input: unknown): Result<ChannelOutput<'submission:save'>> {
    const parsed = parseChannelInput('submission:save', input);
    if (!parsed.ok) return parsed;
    const { formId, formVersion, answers, complete } = parsed.value;
    if (shown === undefined || shown.definition.formId !== formId || shown.definition.version !== formVersion)
      return fail('form_not_found', `Form ${formId} version ${formVersion} is not the one in this preview`);
    const at = now();
    checkedAnswers(shown.compiled, answers, { complete, today: localDate(at) });
    const id = newId();
    // A registration's thank-you shows its pass as the kiosk's would; no door will ever know it.
    const passId = shown.definition.kind === 'registration' && complete ? id : null;
    return ok({ id, passId, savedAt: at.toISOString() });
  }

  const answer = async (channel: Channel, input: unknown): Promise<Result<unknown>> => {
    if (channel === 'kiosk:bootstrap') {
      const parsed = parseChannelInput(channel, input);
      return parsed.ok ? bootstrap() : parsed;
    }
    if (channel === 'submission:save') return save(input);
    return fail('forbidden', NOT_IN_PREVIEW);
  };

  return async (channel, input) => {
    try {
      // Each branch answers its own channel's output; TypeScript cannot follow the pairing.
      return (await answer(channel, input)) as Result<ChannelOutput<typeof channel>>;
    } catch (err) {
      if (err instanceof CallFailure) return fail(err.code, err.message, err.details);
      return fail('internal', `preview: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
}
