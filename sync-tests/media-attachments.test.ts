// An audio answer and a file answer between a real kiosk and a real server (SQLite and
// PostgreSQL): a form with audio and file questions, added on the server, reaches the kiosk; a
// record naming a WebM recording and a PDF is finished there; sync uploads both, and the server
// holds and serves each byte for byte (by hash), and a second kiosk of the event downloads them.
import { describe, expect, it } from 'vitest';
import { HAND_MADE_PDF, recording } from '../shared/sync/node/media-fixtures';
import { addForm, readFormSheets } from '../sync-server/events/events-store';
import { DB_KINDS } from '../sync-server/testing/test-server';
import { serverAndKiosks } from './support/server-and-kiosks';
import { expectPhotosOnServer, kioskPhotos, sha256, syncUntil } from './support/field-records';
import type { SyncKiosk } from './support/sync-kiosk';

const FORM = {
  survey: ['type,name,label', 'text,practica,Práctica', 'audio,testimonio,Testimonio', 'file,acta,Acta'].join(
    '\n',
  ),
  choices: '',
  settings: 'form_id,version,form_title,kind\ntestimonios,1,Testimonios,heritage',
};

describe.each(DB_KINDS)('recordings and documents through sync on %s', (kind) => {
  const t = serverAndKiosks(kind);
  const enrolled = async (eventId: string): Promise<SyncKiosk> => {
    const k = await t.enrolled(eventId);
    expect((await k.core.syncNow()).lastError).toBeNull();
    return k;
  };

  it("an audio answer's WebM and a file answer's PDF reach the server and the other kiosk byte for byte", async () => {
    const eventId = await t.server.createEvent();
    await addForm(t.server.server.db, eventId, readFormSheets(FORM));
    const a = await enrolled(eventId);
    const b = await enrolled(eventId);

    const tone = recording('tone.webm');
    const audio = await a.call('attachment:save', { mime: 'audio/webm', base64: tone.toString('base64') });
    const pdf = await a.call('attachment:save', {
      mime: 'application/pdf',
      base64: HAND_MADE_PDF.toString('base64'),
    });
    const { draftId } = await a.call('draft:save', {
      formId: 'testimonios',
      formVersion: '1',
      language: 'es',
      answers: { practica: 'Leyenda del cerro', testimonio: audio.name, acta: pdf.name },
      position: { path: 'acta' },
      startedAt: '2026-11-20T16:00:00.000Z',
    });
    await a.call('draft:finish', { draftId, editedBy: 'Ana' });

    await syncUntil(a, () => [...kioskPhotos(a.dataDir).values()].every((at) => at !== null));
    const files = new Map([
      [audio.name, tone],
      [pdf.name, HAND_MADE_PDF],
    ]);
    await expectPhotosOnServer(t.server.server.db, t.server.url, await t.server.tokenFor('admin'), files);

    // The other kiosk of the event pulls the record and downloads both files by name.
    await syncUntil(b, () => kioskPhotos(b.dataDir).size === 2);
    for (const [name, bytes] of files) {
      const got = await b.call('attachment:get', { name });
      expect(sha256(Buffer.from(got.base64, 'base64'))).toBe(sha256(bytes));
      expect(got.mime).toBe(name.endsWith('.pdf') ? 'application/pdf' : 'audio/webm');
    }
  });
});
