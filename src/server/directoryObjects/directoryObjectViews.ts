// 其他检查对象 read views: the page of objects within the caller's units and one object's detail,
// each with the related market entity's name where that entity lies within the caller's units.
import type { Kysely } from 'kysely';
import type { ObjectKind } from '../../core/glossary.ts';
import type { ObjectStatus } from '../../core/directoryObjects/objectFields.ts';
import { normalizeObjectCode } from '../../core/directoryObjects/objectCode.ts';
import type { DB } from '../../db/schema.ts';
import { countRows, onePage, pagedAnswer } from '../http/paging.ts';
import type { Caller } from '../http/route.ts';
import { escapeLike } from '../http/sqlText.ts';
import { objectColumns, presentObject, type ObjectRow } from './objectRecord.ts';
import { loadObjectFor } from './policy.ts';

export interface ObjectListQuery {
  page: number;
  pageSize: number;
  q?: string;
  kind?: ObjectKind;
  status?: ObjectStatus;
  tag?: string;
  uscc?: string;
  unitCode?: string;
}

/**
 * The related entities' names, only where the entity lies within the caller's units: one query
 * for a page, by code (the two directories are placed apart on Citus, so no correlated join).
 */
async function withEntityNames<R extends { uscc: string | null }>(
  db: Kysely<DB>,
  scopeCodes: string[],
  rows: R[],
): Promise<(R & { entity_name: string | null })[]> {
  const codes = [...new Set(rows.map((r) => r.uscc).filter((u): u is string => u !== null))];
  const names = new Map<string, string>();
  if (codes.length > 0 && scopeCodes.length > 0) {
    const found = await db
      .selectFrom('market_entity')
      .select(['uscc', 'name'])
      .where('uscc', 'in', codes)
      .where('unit_code', 'in', scopeCodes)
      .orderBy('uscc')
      .orderBy('region_code')
      .execute();
    for (const e of found) if (!names.has(e.uscc)) names.set(e.uscc, e.name);
  }
  return rows.map((r) => ({ ...r, entity_name: r.uscc ? (names.get(r.uscc) ?? null) : null }));
}

/** A page of the objects of the caller's units, filtered. */
export async function listObjects(db: Kysely<DB>, caller: Caller, input: ObjectListQuery) {
  let base = db.selectFrom('directory_object as d').where('d.unit_code', 'in', caller.scope.unitCodes);
  if (input.q) {
    const q = escapeLike(input.q);
    const code = escapeLike(normalizeObjectCode(input.q));
    base = base.where((eb) =>
      eb.or([eb('d.name', 'like', `%${q}%`), eb('d.object_code', 'like', `${code}%`), eb('d.uscc', 'like', `${code}%`)]),
    );
  }
  if (input.kind) base = base.where('d.object_kind', '=', input.kind);
  if (input.status) base = base.where('d.status', '=', input.status);
  if (input.unitCode) base = base.where('d.unit_code', '=', input.unitCode);
  if (input.uscc) base = base.where('d.uscc', '=', input.uscc.toUpperCase());
  if (input.tag) {
    const tag = input.tag;
    base = base.where((eb) => eb(eb.val(tag), '=', eb.fn.any('d.tags')));
  }
  const total = await countRows(base);
  const page = await base
    .innerJoin('org_unit as u', 'u.code', 'd.unit_code')
    .select(objectColumns)
    .orderBy('d.name')
    .orderBy('d.id')
    .$call(onePage(input))
    .execute();
  const rows = await withEntityNames(db, caller.scope.unitCodes, page);
  const items = rows.map((r) => presentObject(r as ObjectRow));
  return pagedAnswer(items, total, input);
}

/** One object with its related entity's name; NOT_FOUND outside the caller's units. */
export async function objectDetail(db: Kysely<DB>, caller: Caller, input: { id: string }) {
  const row = await loadObjectFor(db, caller, input.id, 'read');
  return presentObject((await withEntityNames(db, caller.scope.unitCodes, [row]))[0]!);
}
