// A large kiosk bundle written as a kiosk writes one (write-bundle.ts): `records` survey and
// heritage records, the first `photos` of them each naming its own photo of `photoBytes`, the
// photos' chunks after the records. For the memory test and bench of the import.
import { statSync } from 'node:fs';
import { seededRandom } from '../../../shared/random/seeded-random';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleHeader } from '../../../shared/sync/bundle';
import { writeSignedFile } from '../../../shared/sync/node/bundle-file';
import { bundleKey } from '../../../shared/sync/node/bundle-sign';
import { MAX_ATTACHMENT_CHUNK_BYTES } from '../../../shared/sync/protocol';
import { fakeJpeg, sha256 } from '../../../sync-tests/support/field-records';
import { heritagePayload, surveyPayload, type TestDevice } from '../../testing/test-server';

export type LargeBundle = { file: string; bytes: number; photoNames: string[] };

export function writeLargeBundle(
  directory: string,
  device: TestDevice,
  size: { records: number; photos: number; photoBytes: number },
  sealTo: string | undefined,
): LargeBundle {
  const random = seededRandom(11);
  const photoNames: string[] = [];
  const header: BundleHeader = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    deviceId: device.deviceId,
    createdAt: new Date().toISOString(),
    fromSeq: 1,
    throughSeq: size.records,
    records: size.records,
    photos: size.photos,
  };
  const name = `large-${sealTo === undefined ? 'plain' : 'sealed'}-${device.deviceId}.qbundle`;
  const file = writeSignedFile(
    directory,
    name,
    bundleKey(device.token),
    ({ line }) => {
      line(`${JSON.stringify(header)}\n`);
      // Photos are made twice (named here, written below) rather than held: the writer stays small.
      const seeds = Array.from({ length: size.photos }, () => Math.floor(random() * 2 ** 31));
      for (let seq = 1; seq <= size.records; seq++) {
        const seed = seeds[seq - 1];
        let payload = surveyPayload(device);
        if (seed !== undefined) {
          const photo = `${sha256(fakeJpeg(size.photoBytes, seededRandom(seed)))}.jpg`;
          photoNames.push(photo);
          payload = heritagePayload(device, [photo]);
        }
        line(`${JSON.stringify({ change: { seq, kind: 'submission', id: payload.id, payload } })}\n`);
      }
      let chunks = 0;
      seeds.forEach((seed, i) => {
        const bytes = fakeJpeg(size.photoBytes, seededRandom(seed));
        for (let offset = 0; offset < bytes.length; offset += MAX_ATTACHMENT_CHUNK_BYTES) {
          const data = bytes.subarray(offset, offset + MAX_ATTACHMENT_CHUNK_BYTES).toString('base64');
          line(`${JSON.stringify({ photo: photoNames[i], size: bytes.length, offset, data })}\n`);
          chunks++;
        }
      });
      return { changes: size.records, chunks };
    },
    sealTo,
  );
  return { file, bytes: statSync(file).size, photoNames };
}
