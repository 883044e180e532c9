// Still images as fake-camera videos: Chromium's --use-file-for-fake-video-capture plays a .y4m
// file (looping) as the webcam.
import { ffmpeg } from '../photo/jpeg-fixtures';

export type Y4mOptions = { seconds?: number; fps?: number; width?: number; height?: number };

/** Centres the PNG, unstretched, on a white width×height frame and writes `seconds` of it as raw YUV 4:2:0. */
export function pngToY4m(png: string, y4m: string, options: Y4mOptions = {}): Promise<void> {
  const { width = 640, height = 480 } = options;
  const fit = `scale=${width}:${height}:force_original_aspect_ratio=decrease`;
  const pad = `pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:white`;
  return stillToY4m(png, [fit, pad], y4m, options);
}

export type HandHeldShot = {
  /** How wide the code is drawn, in pixels of the 640×480 frame. */
  width: number;
  /** How far it is turned, clockwise. */
  degrees: number;
  /** Gaussian blur (sigma, px): a camera not quite in focus. */
  blur: number;
  /** Sensor grain, different in every frame (ffmpeg's noise strength, 0–100). */
  grain: number;
  /** Seconds of the empty grey card before the code comes into view. */
  emptyFirst: number;
};

/**
 * A code held up less well than pngToY4m's: small, turned, off centre on a grey card, blurred and
 * grainy, after some frames with no code at all. The video loops, so the empty frames come back.
 */
export function handHeldY4m(
  png: string,
  y4m: string,
  shot: HandHeldShot,
  options: Y4mOptions = {},
): Promise<void> {
  const { width = 640, height = 480 } = options;
  const turn = `${shot.degrees}*PI/180`;
  const card = '0xc8c8c8';
  return stillToY4m(
    png,
    [
      `scale=${shot.width}:-1`,
      `rotate=${turn}:ow=rotw(${turn}):oh=roth(${turn}):c=${card}`,
      `pad=${width}:${height}:(ow-iw)*2/5:(oh-ih)*3/5:${card}`,
      `drawbox=c=${card}:t=fill:enable='lt(t,${shot.emptyFirst})'`,
      `gblur=sigma=${shot.blur}`,
      `noise=alls=${shot.grain}:allf=t`,
    ],
    y4m,
    { seconds: shot.emptyFirst + 3, ...options },
  );
}

/** The PNG through ffmpeg's `filters` (which must end at the frame's size), `seconds` of it as raw YUV 4:2:0. */
export function stillToY4m(png: string, filters: string[], y4m: string, options: Y4mOptions): Promise<void> {
  const { seconds = 3, fps = 10 } = options;
  return ffmpeg([
    ...['-loop', '1', '-i', png, '-t', String(seconds), '-r', String(fps)],
    ...['-vf', filters.join(','), '-pix_fmt', 'yuv420p', y4m],
  ]);
}
