// Camera decoding: the previous and the current door decoder on the same generated frames in real
// Chromium, on the standard set and on the hard one; the share decoded (exactly the encoded text)
// and the time per frame, overall and per degradation, plus the cost of frames without a code (what
// a door camera mostly sees) and any text read from them.
import { chromium } from '@playwright/test';
import { z } from 'zod';
import { type BenchResult, median, percentile, round } from '../bench-result';
import { doorDecoderSizes } from './bundle-size';
import { cachedFrameSet } from './frame-cache';
import { type FrameKind, type FrameSetName, NO_CODE } from './frames';
import { startPageServer } from './page-server';
import { BENCH_PAGE, DECODERS, FRAMES_PATH } from './page/paths';

const resultsSchema = z.array(
  z.object({
    decoder: z.string(),
    text: z.string().nullable(),
    ms: z.number(),
    mainThreadMs: z.number().nullable(),
  }),
);

export type DecoderFigures = {
  decoder: string;
  decodedShare: number;
  medianMs: number;
  p95Ms: number;
  /** Over a sample of frames: the longest stretch the page's main thread was busy with one decode. */
  mainThreadMedianMs: number;
  mainThreadP95Ms: number;
  byDegradation: Record<string, { decodedShare: number; medianMs: number }>;
  noCodeMedianMs: number;
  /** Text "found" in frames that show no code: must be 0. */
  falseReads: number;
};

type Sample = { kind: FrameKind; ok: boolean; ms: number };

/** What an idle door costs: the machine's own main-thread gaps, and a still view read or skipped. */
export type IdleFigures = {
  /** The main-thread watch over an idle page for as long as each watched door decode took. */
  idleWatchMedianMs: number;
  stillViewReadMedianMs: number;
  stillViewSkippedMedianMs: number;
};

/** Frames of one unchanged no-code view, read every time and then as the door sends them. */
const STILL_FRAMES = 40;

/** Every 10th frame is decoded once more with the main-thread watch on. */
const WATCH_EVERY = 10;
const FRAME_TIMEOUT_MS = 15_000;

export async function measureCameraDecoding(
  set: FrameSetName = 'standard',
): Promise<{ frames: number; decoders: DecoderFigures[]; idle: IdleFigures }> {
  const { dir, frames } = await cachedFrameSet({ set });
  const kinds = [...new Set(frames.map((f) => f.kind))].filter((kind) => kind !== NO_CODE);
  const server = await startPageServer({ framesDir: dir });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const samples = new Map<string, Sample[]>();
  const blocked = new Map<string, number[]>();
  const idleGaps: number[] = [];
  const still = { read: [] as number[], skipped: [] as number[] };
  const add = <T>(map: Map<string, T[]>, key: string, value: T) =>
    map.set(key, [...(map.get(key) ?? []), value]);
  try {
    const page = await browser.newPage();
    await page.goto(server.origin + BENCH_PAGE);
    const names = z.array(z.string()).parse(await page.evaluate('window.cameraBench.ready()'));
    for (const name of names) samples.set(name, []);
    const decode = async (file: string, watchMainThread: boolean) => {
      const call = `window.cameraBench.decodeFrame(${JSON.stringify(FRAMES_PATH + file)}, ${watchMainThread})`;
      let timer: NodeJS.Timeout | undefined;
      // Keeps `npm run bench` bounded if a decoder ever hangs.
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`decoding ${file} took over ${FRAME_TIMEOUT_MS} ms`)),
          FRAME_TIMEOUT_MS,
        );
      });
      try {
        return resultsSchema.parse(await Promise.race([page.evaluate(call), timeout]));
      } finally {
        clearTimeout(timer);
      }
    };
    const first = frames[0];
    if (!first) throw new Error('empty frame set');
    // Warm-up: wasm compilation and JIT tiers are start-up costs, not per-frame ones.
    for (let i = 0; i < 3; i++) await decode(first.file, false);
    for (const frame of frames) {
      for (const result of await decode(frame.file, false)) {
        add(samples, result.decoder, { kind: frame.kind, ok: result.text === frame.text, ms: result.ms });
      }
    }
    for (const frame of frames.filter((_, i) => i % WATCH_EVERY === 0)) {
      for (const result of await decode(frame.file, true)) {
        add(blocked, result.decoder, result.mainThreadMs ?? NaN);
        // The baseline: the same watch, as long, with nothing decoding.
        if (result.decoder === DECODERS.door) {
          idleGaps.push(z.number().parse(await page.evaluate(`window.cameraBench.idleWatch(${result.ms})`)));
        }
      }
    }
    const wall = frames.find((f) => f.kind === NO_CODE);
    if (wall) {
      const view = (skip: boolean) =>
        page.evaluate(
          `window.cameraBench.stillView(${JSON.stringify(FRAMES_PATH + wall.file)}, ${STILL_FRAMES}, ${skip})`,
        );
      still.read = z.array(z.number()).parse(await view(false));
      still.skipped = z.array(z.number()).parse(await view(true));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const decoders = [...samples].map(([decoder, list]): DecoderFigures => {
    const share = (items: Sample[]) => items.filter((s) => s.ok).length / items.length;
    const of = (kind: FrameKind) => list.filter((s) => s.kind === kind);
    const byDegradation = Object.fromEntries(
      kinds.map((d) => [d, { decodedShare: share(of(d)), medianMs: median(of(d).map((s) => s.ms)) }]),
    );
    const coded = list.filter((s) => s.kind !== NO_CODE);
    const times = coded.map((s) => s.ms);
    const blocks = blocked.get(decoder) ?? [];
    return {
      decoder,
      decodedShare: share(coded),
      medianMs: median(times),
      p95Ms: percentile(times, 95),
      mainThreadMedianMs: median(blocks),
      mainThreadP95Ms: percentile(blocks, 95),
      byDegradation,
      noCodeMedianMs: median(of(NO_CODE).map((s) => s.ms)),
      falseReads: of(NO_CODE).filter((s) => !s.ok).length,
    };
  });
  const idle: IdleFigures = {
    idleWatchMedianMs: median(idleGaps),
    stillViewReadMedianMs: median(still.read),
    stillViewSkippedMedianMs: median(still.skipped),
  };
  return { frames: frames.length, decoders, idle };
}

export async function benchCameraDecoding(): Promise<BenchResult[]> {
  const sizes = await doorDecoderSizes();
  const rows: BenchResult[] = [];
  // One after the other: both in Chromium at once would measure each other.
  for (const set of ['standard', 'hard'] as const) {
    const { decoders, idle } = await measureCameraDecoding(set);
    rows.push(...decoders.flatMap((d) => figureRows(`camera decoding, ${set} set: ${d.decoder}`, d)));
    const prefix = `camera decoding, ${set} set`;
    rows.push(
      {
        name: `${prefix}: idle page, same main-thread watch (baseline, median)`,
        value: round(idle.idleWatchMedianMs, 1),
        unit: 'ms',
      },
      {
        name: `${prefix}: unchanged view, every frame read (median)`,
        value: round(idle.stillViewReadMedianMs, 1),
        unit: 'ms',
      },
      {
        name: `${prefix}: unchanged view, as the door sends it (median)`,
        value: round(idle.stillViewSkippedMedianMs, 1),
        unit: 'ms',
      },
    );
  }
  const kib = (bytes: number) => round(bytes / 1024, 1);
  return [
    ...rows,
    { name: 'door decoder: main-thread JS (gzip)', value: kib(sizes.mainThread.gzip), unit: 'KiB' },
    {
      name: 'door decoder: decode worker JS, loaded lazily (gzip)',
      value: kib(sizes.worker.gzip),
      unit: 'KiB',
    },
    {
      name: 'door decoder: zxing_reader.wasm, loaded lazily (gzip)',
      value: kib(sizes.wasm.gzip),
      unit: 'KiB',
    },
    { name: 'door decoder: zxing_reader.wasm, loaded lazily (raw)', value: kib(sizes.wasm.raw), unit: 'KiB' },
  ];
}

function figureRows(prefix: string, d: DecoderFigures): BenchResult[] {
  return [
    { name: `${prefix}, decoded`, value: round(d.decodedShare * 100, 1), unit: '%' },
    { name: `${prefix}, per frame (median)`, value: round(d.medianMs, 1), unit: 'ms' },
    { name: `${prefix}, per frame (p95)`, value: round(d.p95Ms, 1), unit: 'ms' },
    { name: `${prefix}, main thread blocked (median)`, value: round(d.mainThreadMedianMs, 1), unit: 'ms' },
    { name: `${prefix}, frame without a code (median)`, value: round(d.noCodeMedianMs, 1), unit: 'ms' },
    { name: `${prefix}, text read from frames without a code`, value: d.falseReads, unit: 'frames' },
  ];
}
