// 列对应 of plan tables: a header a planner mapped to a field (or 忽略) is remembered for the unit
// whose plan it was and applied to that unit's next imports. Another unit (above, below or beside)
// never reads it: tables differ from bureau to bureau.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  type ColumnChoices,
  type ColumnTarget,
  type PlanTable,
  columnTargetLabel,
  mappableFields,
  planFieldLabel,
} from '../../core/plan/index.ts';
import { recordAudit } from '../audit/recordAudit.ts';
import { nowOf } from '../clock.ts';
import type { Actor } from './planStore.ts';

/** The targets a column may be mapped to, as requests name them. */
export const columnTargets: [ColumnTarget, ...ColumnTarget[]] = ['ignore', ...mappableFields];

/** The mappings a unit confirmed before, by header key. */
export async function loadColumnMappings(db: Kysely<DB> | Transaction<DB>, unitCode: string): Promise<Record<string, ColumnTarget>> {
  const rows = await db.selectFrom('plan_column_mapping').select(['header_key', 'target']).where('unit_code', '=', unitCode).execute();
  return Object.fromEntries(rows.map((row) => [row.header_key, row.target]));
}

/** The choices to parse a unit's table with: what it remembers, and what is given now. */
export async function columnChoicesFor(
  db: Kysely<DB>,
  unitCode: string,
  chosen: Record<string, ColumnTarget> | undefined,
): Promise<ColumnChoices> {
  return { remembered: await loadColumnMappings(db, unitCode), chosen: chosen ?? {} };
}

/**
 * Remembers the mappings given with an import that was saved: those of headers the table has and
 * that differ from what the unit remembered. One audit row lists them (before → after).
 */
export async function rememberColumnMappings(
  trx: Transaction<DB>,
  unitCode: string,
  table: PlanTable,
  chosen: Record<string, ColumnTarget> | undefined,
  actor: Actor,
): Promise<void> {
  const headers = new Map(table.columns.map((column) => [column.key, column.header]));
  const remembered = await loadColumnMappings(trx, unitCode);
  const changes = Object.entries(chosen ?? {}).filter(([key, target]) => headers.has(key) && remembered[key] !== target);
  if (changes.length === 0) return;
  const at = nowOf(actor);
  for (const [key, target] of changes) {
    await trx
      .insertInto('plan_column_mapping')
      .values({ unit_code: unitCode, header_key: key, target, set_by_name: actor.name, updated_at: at })
      .onConflict((oc) => oc.columns(['unit_code', 'header_key']).doUpdateSet({ target, set_by_name: actor.name, updated_at: at }))
      .execute();
  }
  const describe = (entries: [string, ColumnTarget | undefined][]) =>
    Object.fromEntries(entries.map(([key, target]) => [headers.get(key) ?? key, target === undefined ? null : columnTargetLabel(target)]));
  await recordAudit(trx, {
    unitCode,
    actorUserId: actor.userId,
    actorName: actor.name,
    at,
    action: 'plan.columnMapping',
    objectType: 'plan_column_mapping',
    objectId: unitCode,
    before: describe(changes.map(([key]) => [key, remembered[key]])),
    after: describe(changes),
  });
}

/** The mapping a table was read with, one entry per header, for the preview and the command line. */
export function columnMappingOf(table: PlanTable) {
  return table.columns
    .filter((column) => column.header !== '')
    .map((column) => ({
      header: column.header,
      key: column.key,
      target: column.ignored ? ('ignore' as const) : column.field,
      label: column.ignored ? columnTargetLabel('ignore') : column.field === null ? null : planFieldLabel[column.field],
      source: column.source,
    }));
}
