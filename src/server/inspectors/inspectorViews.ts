// 执法检查人员名录库 read views: the page of people within the caller's units with whether each
// may be drawn today, and one person's detail with the 回避声明.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { todayInChina } from '../clock.ts';
import { countRows, onePage } from '../http/paging.ts';
import type { Caller } from '../http/route.ts';
import { escapeLike } from '../http/sqlText.ts';
import { drawableSql, inspectorColumns, presentInspector, type InspectorRow } from './inspectorRecord.ts';
import { presentRecusal, type RecusalRow } from './recusals.ts';
import { loadInspectorFor } from './policy.ts';
import { directoryUnitsOf } from './directoryUnits.ts';

export interface InspectorListQuery {
  page: number;
  pageSize: number;
  q?: string;
  category?: 'enforcement' | 'expert';
  status?: InspectorRow['status'];
  drawable?: 'yes' | 'no';
  specialty?: string;
  unitCode?: string;
}

/** A page of the people of the caller's units, filtered. */
export async function listInspectorPage(db: Kysely<DB>, caller: Caller, input: InspectorListQuery) {
  const today = todayInChina();
  let base = db.selectFrom('inspector as p').where('p.unit_code', 'in', await directoryUnitsOf(db, caller.scope));
  if (input.q)
    base = base.where((eb) =>
      eb.or([eb('p.name', 'like', `%${escapeLike(input.q!)}%`), eb('p.cert_no', 'like', `${escapeLike(input.q!)}%`)]),
    );
  if (input.category) base = base.where('p.category', '=', input.category);
  if (input.status) base = base.where('p.status', '=', input.status);
  if (input.unitCode) base = base.where('p.unit_code', '=', input.unitCode);
  if (input.specialty) {
    const tag = input.specialty;
    base = base.where((eb) =>
      eb.or([eb(eb.val(tag), '=', eb.fn.any('p.specialties')), eb(eb.val(tag), '=', eb.fn.any('p.qualifications'))]),
    );
  }
  if (input.drawable === 'yes') base = base.where((eb) => drawableSql(eb, today));
  if (input.drawable === 'no') base = base.where((eb) => eb.not(drawableSql(eb, today)));
  const total = await countRows(base);
  const rows = await base
    .innerJoin('org_unit as o', 'o.code', 'p.unit_code')
    .select([...inspectorColumns, 'o.path'])
    .orderBy('o.path')
    .orderBy('p.name')
    .orderBy('p.id')
    .$call(onePage(input))
    .execute();
  return { items: rows.map((r) => presentInspector(r as InspectorRow, today)), total, page: input.page, pageSize: input.pageSize, today };
}

/** One person with the 回避声明; NOT_FOUND outside the caller's units. */
export async function inspectorDetail(db: Kysely<DB>, caller: Caller, input: { id: string }) {
  const today = todayInChina();
  const row = await loadInspectorFor(db, caller, input.id, 'read');
  const recusals = await db
    .selectFrom('inspector_recusal as r')
    .leftJoin('market_entity as e', 'e.uscc', 'r.uscc')
    .selectAll('r')
    .select('e.name as entity_name')
    .where('r.unit_code', '=', row.unit_code)
    .where('r.inspector_id', '=', row.id)
    .orderBy('r.declared_on', 'desc')
    .orderBy('r.created_at', 'desc')
    .execute();
  return { ...presentInspector(row, today), today, recusals: recusals.map((r) => presentRecusal(r as RecusalRow, today, r.entity_name)) };
}
