// 名录分库 read views: the list (with live counts within the caller's units), a rule's 试算, one
// sub-library, the page of entries it selects, and the 事项 → 对象 links from either end.
import type { Kysely } from 'kysely';
import { camelRow } from '../http/wire.ts';
import type { DB } from '../../db/schema.ts';
import { describeRule, normalizeRule, type SubLibraryRule, type SubLibraryRuleInput } from '../../core/subLibraries/rule.ts';
import { AppError } from '../http/errors.ts';
import { countRows, onePage, pagedAnswer } from '../http/paging.ts';
import type { Caller } from '../http/route.ts';
import { compileRule, ruleCounts } from './compileRule.ts';
import {
  assertRuleWithinReach,
  loadSubLibraryFor,
  storedSubLibrary,
  usableSubLibraries,
  visibleOwnerCodes,
  type StoredSubLibrary,
} from './policy.ts';

/** A check item named by its list (issuing unit) and its 事项编码. */
export interface ItemRef {
  issuingUnitCode: string;
  itemCode: string;
}

/** Unit and region names for describeRule, looked up once per request. */
async function ruleNames(db: Kysely<DB>, rules: SubLibraryRule[]) {
  const unitCodes = [...new Set(rules.flatMap((r) => r.unitCodes))];
  const regionCodes = [...new Set(rules.flatMap((r) => r.regionCodes))];
  const units =
    unitCodes.length > 0 ? await db.selectFrom('org_unit').select(['code', 'name']).where('code', 'in', unitCodes).execute() : [];
  const regions =
    regionCodes.length > 0 ? await db.selectFrom('ref_division').select(['code', 'name']).where('code', 'in', regionCodes).execute() : [];
  const unitName = new Map(units.map((u) => [u.code, u.name]));
  const regionName = new Map(regions.map((r) => [r.code, r.name]));
  return { unitName: (c: string) => unitName.get(c), regionName: (c: string) => regionName.get(c) };
}

/** Sub-libraries as the caller sees them: the rule in words, whether it may change them, the live counts. */
async function presentAll(db: Kysely<DB>, caller: Caller, libraries: StoredSubLibrary[]) {
  const names = await ruleNames(
    db,
    libraries.map((l) => l.rule),
  );
  const items = [];
  for (const lib of libraries) {
    items.push({
      ...lib,
      ruleText: describeRule(lib.rule, names),
      editable: caller.scope.unitCodes.includes(lib.unitCode),
      ...(await ruleCounts(db, lib.rule, caller.scope)),
    });
  }
  return items;
}

/** The sub-libraries of the caller's units and of the units above, ordered by unit and name. */
export async function listSubLibraries(db: Kysely<DB>, caller: Caller) {
  const rows = await usableSubLibraries(db, caller.scope).orderBy('o.path').orderBy('s.name').execute();
  const items = await presentAll(db, caller, rows.map(storedSubLibrary));
  return { items, total: items.length };
}

/** One sub-library with its live counts; the out-of-reach 404 for another branch's. */
export async function subLibraryDetail(db: Kysely<DB>, caller: Caller, input: { id: string }) {
  const lib = await loadSubLibraryFor(db, caller, input.id, 'read');
  const [view] = await presentAll(db, caller, [lib]);
  return view!;
}

/** 试算: what a rule would select within the caller's units (nothing is saved). */
export async function previewRule(db: Kysely<DB>, caller: Caller, input: { rule: SubLibraryRuleInput }) {
  const rule = normalizeRule(input.rule);
  assertRuleWithinReach(rule, caller);
  const counts = await ruleCounts(db, rule, caller.scope);
  return { ...counts, ruleText: describeRule(rule, await ruleNames(db, [rule])) };
}

/** Paging stops here: a longer list is for the export, not for the screen. */
const PREVIEW_ROW_LIMIT = 10_000;

/** A page of the entries the sub-library selects within the caller's units. */
export async function subLibraryEntityPage(db: Kysely<DB>, caller: Caller, input: { id: string; page: number; pageSize: number }) {
  const lib = await loadSubLibraryFor(db, caller, input.id, 'read');
  if (input.page * input.pageSize > PREVIEW_ROW_LIMIT) {
    throw new AppError('VALIDATION_FAILED', '预览最多翻到第 10,000 条；请缩小规则条件，或导出完整名单。', { page: input.page });
  }
  const base = compileRule(db, lib.rule, caller.scope.unitCodes);
  const total = await countRows(base);
  const rows = await base
    .innerJoin('org_unit as o', 'o.code', 'e.unit_code')
    .select([
      'e.uscc',
      'e.name',
      'e.subject_type',
      'e.reg_status',
      'e.region_code',
      'e.unit_code',
      'o.name as unit_name',
      'e.industry_code',
      'e.tags',
      'e.risk_class',
    ])
    .orderBy('e.name')
    .orderBy('e.uscc')
    .$call(onePage(input))
    .execute();
  return pagedAnswer(rows.map(camelRow), total, input);
}

/** 事项 → 对象 links the caller may see (made by its units or the units above), from one end. */
async function linkRows(db: Kysely<DB>, caller: Caller, filter: { subLibraryId?: string; item?: ItemRef }) {
  const owners = visibleOwnerCodes(caller.scope);
  let query = db
    .selectFrom('check_item_sub_library as l')
    .innerJoin('sub_library as s', 's.id', 'l.sub_library_id')
    .innerJoin('org_unit as o', 'o.code', 'l.unit_code')
    .select([
      'l.unit_code',
      'o.name as unit_name',
      'l.issuing_unit_code',
      'l.item_code',
      'l.sub_library_id',
      's.name as sub_library_name',
      'l.created_by_name',
      'l.created_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('check_item as ci')
        .innerJoin('check_item_version as v', 'v.id', 'ci.version_id')
        .select('ci.name')
        .whereRef('v.issuing_unit_code', '=', 'l.issuing_unit_code')
        .whereRef('ci.item_code', '=', 'l.item_code')
        .orderBy('v.version_no', 'desc')
        .limit(1)
        .as('item_name'),
    )
    .where('l.unit_code', 'in', owners)
    .where('s.unit_code', 'in', owners);
  if (filter.subLibraryId) query = query.where('l.sub_library_id', '=', filter.subLibraryId);
  if (filter.item)
    query = query.where('l.issuing_unit_code', '=', filter.item.issuingUnitCode).where('l.item_code', '=', filter.item.itemCode);
  const rows = await query.orderBy('l.issuing_unit_code').orderBy('l.item_code').orderBy('s.name').execute();
  const items = rows.map((r) => ({
    unitCode: r.unit_code,
    unitName: r.unit_name,
    issuingUnitCode: r.issuing_unit_code,
    itemCode: r.item_code,
    itemName: r.item_name,
    subLibraryId: r.sub_library_id,
    subLibraryName: r.sub_library_name,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
    editable: caller.scope.unitCodes.includes(r.unit_code),
  }));
  return { items, total: items.length };
}

/** The check items linked to a sub-library; the out-of-reach 404 for another branch's. */
export async function linksOfSubLibrary(db: Kysely<DB>, caller: Caller, input: { id: string }) {
  const lib = await loadSubLibraryFor(db, caller, input.id, 'read');
  return linkRows(db, caller, { subLibraryId: lib.id });
}

/** The sub-libraries linked to one check item. */
export async function linksOfItem(db: Kysely<DB>, caller: Caller, item: ItemRef) {
  return linkRows(db, caller, { item });
}
