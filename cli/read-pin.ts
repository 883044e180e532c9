// The staff PIN for `quiosco kiosk init --pin-stdin`: typed at a prompt without echo (twice), or
// the first line of piped input. Either way it never appears in `ps` or the shell history.
import { CliFailure } from './cli-io';

/** process.stdin, or a stand-in for tests; setRawMode exists only on a terminal. */
export type PinInput = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
export type PromptOutput = { write(text: string): unknown };

/** A piped PIN is one short line; anything longer is not a PIN. */
const MAX_PIPED_BYTES = 256;

export async function readPin(input: PinInput, prompt: PromptOutput): Promise<string> {
  if (input.isTTY === true && input.setRawMode) {
    const first = await promptHidden(input, prompt, 'Staff PIN (6 to 8 digits): ');
    const again = await promptHidden(input, prompt, 'Repeat the staff PIN: ');
    if (first !== again) throw new CliFailure('the two PINs typed differ; nothing was changed');
    return first;
  }
  return readFirstLine(input);
}

async function readFirstLine(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.includes('\n') || text.length > MAX_PIPED_BYTES) break;
  }
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  if (line === '') throw new CliFailure('--pin-stdin: standard input held no PIN');
  return line;
}

export function promptHidden(input: PinInput, prompt: PromptOutput, question: string): Promise<string> {
  const setRawMode = (raw: boolean) => input.setRawMode?.(raw);
  prompt.write(question);
  setRawMode(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = () => {
      input.off('data', onData);
      setRawMode(false);
      input.pause();
      prompt.write('\n');
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(typed);
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          reject(new CliFailure('cancelled; nothing was changed'));
          return;
        }
        typed = ch === '\u007f' || ch === '\b' ? typed.slice(0, -1) : typed + ch;
      }
    };
    input.on('data', onData);
  });
}
