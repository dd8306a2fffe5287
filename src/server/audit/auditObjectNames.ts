// What an audit row acted on, by name: the user's name, the plan's title, the draw's code, the
// business of a result … instead of "user:<uuid>". Looked up for one page of rows at a time,
// each table once, within the caller's units where the table belongs to a unit.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { auditObjectTypeName } from '../../core/audit/auditText.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type NameLookup = (db: Kysely<DB>, ids: string[], unitCodes: string[]) => Promise<Array<{ id: string; name: string }>>;

const lookups: Record<string, NameLookup> = {
  user: (db, ids) => db.selectFrom('app_user').select(['id', 'display_name as name']).where('id', 'in', ids).execute(),
  plan: async (db, ids, units) =>
    (await db.selectFrom('plan').select(['id', 'year', 'kind']).where('unit_code', 'in', units).where('id', 'in', ids).execute()).map(
      (p) => ({ id: p.id, name: `${p.year}年度${p.kind === 'joint' ? '部门联合' : ''}抽查计划` }),
    ),
  draw: async (db, ids, units) =>
    (await db.selectFrom('draw').select(['id', 'draw_code']).where('unit_code', 'in', units).where('id', 'in', ids).execute()).map((d) => ({
      id: d.id,
      name: d.draw_code,
    })),
  visit_result: (db, ids, units) =>
    db.selectFrom('visit_result').select(['id', 'entity_name as name']).where('unit_code', 'in', units).where('id', 'in', ids).execute(),
  followup_item: (db, ids, units) =>
    db.selectFrom('followup_item').select(['id', 'entity_name as name']).where('unit_code', 'in', units).where('id', 'in', ids).execute(),
  publication_request: (db, ids, units) =>
    db
      .selectFrom('publication_request')
      .select(['id', 'entity_name as name'])
      .where('unit_code', 'in', units)
      .where('id', 'in', ids)
      .execute(),
  inspector: (db, ids, units) =>
    db.selectFrom('inspector').select(['id', 'name']).where('unit_code', 'in', units).where('id', 'in', ids).execute(),
  sub_library: (db, ids, units) =>
    db.selectFrom('sub_library').select(['id', 'name']).where('unit_code', 'in', units).where('id', 'in', ids).execute(),
  directory_object: (db, ids, units) =>
    db.selectFrom('directory_object').select(['id', 'name']).where('unit_code', 'in', units).where('id', 'in', ids).execute(),
  check_item_version: (db, ids) => db.selectFrom('check_item_version').select(['id', 'title as name']).where('id', 'in', ids).execute(),
  job: async (db, ids, units) =>
    (await db.selectFrom('job').select(['id', 'file_name']).where('unit_code', 'in', units).where('id', 'in', ids).execute()).map((j) => ({
      id: j.id,
      name: j.file_name ?? '',
    })),
};

/** Ids that are readable as they are (a task code, a unit code, a business's region:USCC). */
const readableIds: Record<string, (id: string) => string> = {
  plan_task: (id) => id,
  plan_filing_deadline: (id) => id,
  database: () => '演示数据',
  market_entity: (id) => id.split(':').pop() ?? id,
};

export interface AuditObjectRef {
  objectType: string;
  objectId: string;
}

/**
 * "抽查计划 · 2025年度抽查计划", "用户 · 申丽娟", "抽查任务 · 140581-2025-013": each row's object kind
 * in Chinese and its name where one is found (org units by their names from `unitNames`).
 */
export async function auditObjectTexts(
  db: Kysely<DB>,
  rows: AuditObjectRef[],
  unitCodes: string[],
  unitNames: ReadonlyMap<string, string>,
): Promise<string[]> {
  const names = new Map<string, string>();
  const byType = new Map<string, Set<string>>();
  for (const r of rows) {
    if (lookups[r.objectType] && UUID.test(r.objectId)) byType.set(r.objectType, (byType.get(r.objectType) ?? new Set()).add(r.objectId));
  }
  for (const [type, ids] of byType) {
    for (const { id, name } of await lookups[type]!(db, [...ids], unitCodes)) if (name) names.set(`${type}:${id}`, name);
  }
  return rows.map((r) => {
    const kind = auditObjectTypeName(r.objectType);
    const name =
      r.objectType === 'org_unit'
        ? unitNames.get(r.objectId)
        : (names.get(`${r.objectType}:${r.objectId}`) ?? readableIds[r.objectType]?.(r.objectId));
    return name ? `${kind} · ${name}` : kind;
  });
}
