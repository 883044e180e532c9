// Door call limits, apart from the contract so the renderer can import them without bundling zod.

/** What the door screen sends at most of one scanner read; validation calls anything past 1,024 too long. */
export const MAX_DOOR_SCAN_INPUT = 100_000;
