// Recordings and chosen files through the kiosk core: saved durably with the staff session
// (attachment:save answers once the file and its row are committed), and read back for playback.
import type { ChannelOutput } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import type { AttachmentMime } from '../../../shared/sync/attachment-formats';
import { call } from '../api/transport';
import { bytesToBase64 } from '../photo/base64';
import { staffCaller } from '../store/staff-call';
import { kioskStore } from '../store/use-kiosk';

const staffCall = staffCaller(kioskStore.setState, kioskStore.getState, call);

export async function saveMedia(
  blob: Blob,
  mime: AttachmentMime,
): Promise<Result<ChannelOutput<'attachment:save'>>> {
  const base64 = bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
  return staffCall('attachment:save', { mime, base64 });
}

/** A stored attachment as a Blob of its type, for an <audio> or <video> (blob: URLs are allowed). */
export async function loadMedia(name: string): Promise<Blob> {
  const result = await staffCall('attachment:get', { name });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  const binary = atob(result.value.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: result.value.mime });
}
