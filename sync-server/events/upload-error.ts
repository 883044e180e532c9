// A form that cannot be read is the uploader's to fix: a 400 naming the sheet where one is at fault.
import { FormSheetError } from '../../shared/forms/form-sheet-error';
import { SyncError } from '../sync-error';

export function uploadError(e: unknown): unknown {
  if (e instanceof FormSheetError) return new SyncError('invalid_input', e.message, { field: e.sheet });
  if (e instanceof Error) return new SyncError('invalid_input', `the form cannot be read: ${e.message}`);
  return e;
}
