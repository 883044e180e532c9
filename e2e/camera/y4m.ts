// Still images as fake-camera videos: Chromium's --use-file-for-fake-video-capture plays a .y4m
// file (looping) as the webcam.
import { spawn } from 'node:child_process';

export type Y4mOptions = { seconds?: number; fps?: number; width?: number; height?: number };

/** Centres the PNG, unstretched, on a white width×height frame and writes `seconds` of it as raw YUV 4:2:0. */
export function pngToY4m(png: string, y4m: string, options: Y4mOptions = {}): Promise<void> {
  const { seconds = 3, fps = 10, width = 640, height = 480 } = options;
  const fit = `scale=${width}:${height}:force_original_aspect_ratio=decrease`;
  const pad = `pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:white`;
  const args = ['-hide_banner', '-loglevel', 'error', '-y', '-loop', '1', '-i', png];
  args.push('-t', String(seconds), '-r', String(fps), '-vf', `${fit},${pad}`, '-pix_fmt', 'yuv420p', y4m);
  return new Promise((resolve, reject) => {
    const ffmpeg = spawn(process.env.FFMPEG_PATH ?? 'ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    ffmpeg.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    ffmpeg.on('error', reject);
    ffmpeg.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}: ${stderr.trim()}`)),
    );
  });
}
