// Run as `node --import tsx field-durability-child.ts DATA_DIR`: fills heritage drafts through the
// real core, a photo then a draft autosave naming it, as fast as it can, and prints each only once
// its call answered: "photo NAME", "draft ID NAME,NAME…". The field durability test kills it.
import { writeSync } from 'node:fs';
import { openKioskCore } from '../kiosk-core';
import { bigJpeg, heritageAnswers, heritageDraft, staffCaller } from './field-fixtures';

const PHOTOS_PER_DRAFT = 4;
const PHOTO_BYTES = 256 * 1024;

const dataDir = process.argv[2];
if (dataDir === undefined) {
  process.stderr.write('usage: field-durability-child.ts DATA_DIR\n');
  process.exit(2);
}
const core = openKioskCore({ dataDir });
const { call } = await staffCaller(core);
for (let round = 0; ; round++) {
  const photos: string[] = [];
  let draftId: string | undefined;
  for (let k = 0; k < PHOTOS_PER_DRAFT; k++) {
    const bytes = bigJpeg(PHOTO_BYTES, `${process.pid}-${round}-${k}`);
    const { name } = await call('attachment:save', { mime: 'image/jpeg', base64: bytes.toString('base64') });
    // Synchronous writes: each line is out before the next call starts.
    writeSync(1, `photo ${name}\n`);
    photos.push(name);
    const saved = await call('draft:save', heritageDraft(heritageAnswers(photos), { draftId }));
    draftId = saved.draftId;
    writeSync(1, `draft ${draftId} ${photos.join(',')}\n`);
  }
}
