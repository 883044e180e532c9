// Door camera shots harder than the plain and hand-held ones (y4m.ts): a real signed ticket's printed
// QR code (ticket-print.ts: error correction M, 8 px a module) through ffmpeg filters, in a 1280×720
// frame (the door asks for 720p) with sensor grain that changes every frame.
import QRCode from 'qrcode';
import { encodeSignedTicket } from '../../shared/tickets/ticket-codec';
import { generateTicketKey } from '../../shared/tickets/ticket-keys';
import { stillToY4m } from './y4m';

export const FRAME = { width: 1280, height: 720 } as const;

const grain = (strength: number) => `noise=alls=${strength}:allf=t`;
const centred = (background: string) =>
  `pad=${FRAME.width}:${FRAME.height}:(ow-iw)/2:(oh-ih)/2:${background}`;

export const HARD_SHOTS = {
  /**
   * A ticket in a phone wallet in dark mode: light modules on a dark screen, the screen's pixel grid
   * beating with the camera's (moiré), on a dark surround.
   */
  'inverted-phone': [
    'scale=260:-1',
    'negate',
    'format=yuv420p',
    "geq=lum='min(255,20+lum(X,Y)*1.1)*(0.85+0.15*sin(2*PI*(X*0.37+Y*0.43)))':cb=128:cr=128",
    centred('0x202020'),
    grain(8),
  ],
  /**
   * A printed ticket held still, small (110 px, 2.2 px a module) under warm dim light: the sensor's
   * gain makes heavy grain that no single frame, even sharpened, reads through.
   */
  'small-dim-warm': [
    'scale=110:-1',
    centred('0xd8d0c0'),
    'colorchannelmixer=rr=0.55:gg=0.38:bb=0.2',
    'eq=contrast=0.8',
    'gblur=sigma=0.8',
    grain(20),
  ],
} satisfies Record<string, string[]>;

export type HardShot = keyof typeof HARD_SHOTS;

/** A real signed ticket (a fresh key each time): what the box office prints. */
export async function signedTicket(): Promise<string> {
  const key = await generateTicketKey(1);
  const fields = { ticketId: 'ABCDEFGHIJKLMNOP', eventId: 'feria-pachuca-2026', ticketType: 2 };
  return encodeSignedTicket({ ...fields, validFrom: null, validTo: null }, key);
}

/** Writes `text` as the printed ticket's QR PNG, then `shot` of it as a 2 s, 10 fps .y4m. */
export async function hardShotY4m(text: string, shot: HardShot, png: string, y4m: string): Promise<void> {
  await QRCode.toFile(png, text, { errorCorrectionLevel: 'M', margin: 4, scale: 8 });
  await stillToY4m(png, HARD_SHOTS[shot], y4m, { seconds: 2, fps: 10 });
}
