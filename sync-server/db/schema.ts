// The server database's tables as Kysely sees them. Times are ISO 8601 UTC text and JSON is text
// on both SQLite and PostgreSQL, so one query layer reads both the same way.
import type { Generated } from 'kysely';
import type { PullStream, RejectionCode } from '../../shared/sync/protocol';
import type { Role } from '../../shared/sync/admin-api';
import type { KioskMode } from '../../shared/kiosk/kiosk-settings';
import type { Direction, TicketSource, VerdictKind } from '../../shared/tickets/scan-event';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface Database {
  schema_migrations: { version: number; name: string; applied_at: string };
  api_tokens: {
    id: string;
    name: string;
    role: Role;
    token_hash: string;
    created_at: string;
    revoked_at: string | null;
  };
  events: {
    id: string;
    name: string;
    created_at: string;
    /** YYYY-MM-DD. */
    starts_on: string | null;
    /** YYYY-MM-DD. */
    ends_on: string | null;
    /** IANA time zone name. */
    time_zone: string | null;
    archived_at: string | null;
    /** EventBranding, JSON; null: the kiosk's own look. */
    branding: string | null;
  };
  /** The branding's images, checked by content before they were stored. */
  event_media: {
    event_id: string;
    purpose: 'logo' | 'attract';
    position: number;
    /** Hex SHA-256 of bytes: kiosks fetch and keep an image by it. */
    sha256: string;
    content_type: string;
    width: number;
    height: number;
    bytes: Buffer;
    created_at: string;
  };
  forms: {
    event_id: string;
    form_id: string;
    version: string;
    kind: string;
    /** Localized title, JSON. */
    title: string;
    /** FormDefinition, JSON. */
    definition: string;
    created_at: string;
  };
  /** A form version's images (migration 7), fetched by kiosks by sha256 (hex of bytes). */
  form_media: {
    event_id: string;
    form_id: string;
    version: string;
    name: string;
    sha256: string;
    size: number;
    bytes: Buffer;
  };
  enrol_codes: {
    code_hash: string;
    event_id: string;
    created_at: string;
    expires_at: string;
    used_at: string | null;
    used_by_device: string | null;
  };
  devices: {
    id: string;
    name: string;
    event_id: string;
    /** OfferedForm[], JSON. */
    offered_forms: string;
    token_hash: string;
    enrolled_at: string;
    revoked_at: string | null;
    last_seq: number;
    last_push_at: string | null;
    last_seen_at: string | null;
    backlog: number | null;
    app_version: string | null;
    protocol_version: number | null;
    /** visitor or door: only doors pull the door stream and push scans. */
    mode: KioskMode;
    /** The venue a door guards; null: the event's default venue. */
    venue_id?: string | null;
  };
  device_events: { device_id: string; event_id: string; assigned_at: string };
  submissions: {
    id: string;
    device_id: string;
    device_seq: number;
    event_id: string;
    form_id: string;
    form_version: string;
    complete: number;
    created_at: string;
    received_at: string;
    content_hash: string;
    /** SubmissionPayload as canonical JSON (sorted keys): what content_hash covers. */
    payload: string;
    /** The record this revision belongs to (its first revision's id; = id for a visitor response). */
    record_id: string;
    revision: number;
    /** Revision ids this one was made from, JSON array. */
    parents: string;
    edited_by: string | null;
    /** 1 while no other stored revision of the record names this one as a parent. */
    current: number;
  };
  attachments: {
    /** "<sha256 hex>.jpg|png", as image answers hold it. */
    name: string;
    mime: string;
    /** The total announced by the first chunk. */
    size: number;
    /** Bytes stored so far. */
    received: number;
    created_at: string;
    /** Set once the bytes were verified against the name's hash and the image signature. */
    complete_at: string | null;
  };
  /** An attachment's bytes: one row per accepted chunk, concatenated in idx order. */
  attachment_chunks: { name: string; idx: number; data: Buffer };
  /** Which stored revisions (submission ids) name which attachment. */
  record_attachments: { submission_id: string; name: string };
  /** The content hash of every change a kiosk pushed, by its seq: a replay must match it. */
  push_seqs: { device_id: string; seq: number; content_hash: string };
  push_rejections: {
    device_id: string;
    seq: number;
    entity_id: string;
    code: RejectionCode;
    message: string;
    created_at: string;
  };
  changes: {
    seq: Generated<number>;
    kind: string;
    entity_id: string;
    event_id: string | null;
    device_id: string | null;
    payload: string;
    created_at: string;
    stream: Generated<PullStream>;
  };
  venues: {
    id: string;
    event_id: string;
    name: string;
    /** People allowed inside at once; null: no limit. The default venue's is the door rules' capacity. */
    capacity: number | null;
    /** 1 for the venue every event has, which counts the doors with no venue. */
    is_default: number;
    archived_at: string | null;
    created_at: string;
  };
  /** The server's key pairs (migration 10); private_key is a secret no route or export reads. */
  server_keys: {
    id: string;
    purpose: 'bundle';
    public_key: string;
    private_key: string;
    is_current: number;
    created_at: string;
  };
  /** Records received per hour (YYYY-MM-DDTHH, UTC), form and kiosk; kept by a trigger on submissions. */
  submission_hours: { event_id: string; hour: string; form_id: string; device_id: string; records: number };
  door_settings: {
    event_id: string;
    capacity: number | null;
    allow_reentry: number;
    accept_passes: number;
    updated_at: string;
  };
  ticket_keys: {
    event_id: string;
    key_id: number;
    /** Raw Ed25519 public key, base64url. */
    public_key: string;
    /** PKCS #8, base64url. */
    private_key: string;
    created_at: string;
    retired_at: string | null;
  };
  ticket_types: { event_id: string; number: number; name: string; created_at: string };
  tickets: {
    source: 'imported' | 'signed';
    /** The box-office code, or the signed ticket's id. */
    ticket_id: string;
    event_id: string;
    type_name: string;
    type_number: number | null;
    holder: string | null;
    valid_from: string | null;
    valid_to: string | null;
    key_id: number | null;
    /** The QR text of a signed ticket, for printing it again. */
    signed_text: string | null;
    created_at: string;
    updated_at: string;
  };
  ticket_revocations: {
    source: TicketSource;
    ticket_id: string;
    event_id: string;
    status: 'revoked' | 'blocked';
    reason: string | null;
    updated_at: string;
  };
  scans: {
    id: string;
    event_id: string;
    device_id: string;
    /** The outbox seq it was pushed under. */
    device_seq: number;
    /** The device's own scan counter. */
    scan_seq: number;
    nonce: string;
    gate: string;
    direction: Direction;
    /** `ticketKey(ref)`; null for an unreadable or foreign code. */
    ticket_key: string | null;
    verdict: VerdictKind;
    local_time: string;
    corrected_time: string;
    received_at: string;
    server_seq: number;
    content_hash: string;
    /** ScanEvent as canonical JSON. */
    payload: string;
  };
  double_entries: {
    duplicate_scan_id: string;
    winner_scan_id: string;
    event_id: string;
    ticket_key: string;
    kind: 'while_inside' | 'reentry';
    duplicate_server_seq: number;
    detected_at: string;
  };
}
