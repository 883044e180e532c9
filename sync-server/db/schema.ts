// The server database's tables as Kysely sees them. Times are ISO 8601 UTC text and JSON is text
// on both SQLite and PostgreSQL, so one query layer reads both the same way.
import type { Generated } from 'kysely';
import type { RejectionCode } from '../../shared/sync/protocol';
import type { Role } from '../../shared/sync/admin-api';

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
  events: { id: string; name: string; created_at: string };
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
  };
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
  };
}
