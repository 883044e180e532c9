// The rows a record gives a table: itself for the main table, each instance of a repeat for a
// repeat's table. A repeat instance's key is the record id and the path of 1-based instance
// numbers to it (`ID/ingredientes[2]`); records are immutable, so keys never change between exports.
import { isInstanceList, ownAnswer } from '../../shared/forms/answer-values';
import type { CompiledForm } from '../../shared/forms/compile-form';
import type { ExportTable } from './export-layout';
import type { ExportRecord } from './record-pages';
import { rootScope, type Scope } from './relevance';

export type TableRow = { scope: Scope; key: string; parentKey: string; instance: number };

export function rowsOfRecord(
  form: CompiledForm | undefined,
  table: ExportTable,
  record: ExportRecord,
  visit: (row: TableRow) => void,
): void {
  const root = rootScope(record.answers);
  const path = table.repeatPath;
  if (path.length === 0) {
    visit({ scope: root, key: record.id, parentKey: '', instance: 1 });
    return;
  }
  const walk = (scope: Scope, depth: number, parentKey: string): void => {
    const name = path[depth] as string;
    const instances = ownAnswer(scope.answers, name);
    if (!isInstanceList(instances)) return;
    const node = form?.byName.get(name);
    const repeat = node?.kind === 'repeat' ? node : undefined;
    instances.forEach((answers, i) => {
      const key = `${parentKey}/${name}[${i + 1}]`;
      const inner: Scope = { repeat, answers, parent: scope };
      if (depth === path.length - 1) visit({ scope: inner, key, parentKey, instance: i + 1 });
      else walk(inner, depth + 1, key);
    });
  };
  walk(root, 0, record.id);
}
