// 随机抽查事项清单 as its readers see it: the versions a unit sees (its own and those below, the
// issued versions of the units above), one version with its categories, its items with the
// caller's claims, the diff against another version, the claims waiting for review, the export,
// and the portal's current lists. Every read of one version starts with loadCheckItemVersionFor.
import type { Kysely } from 'kysely';
import { camelRow } from '../http/wire.ts';
import type { DB } from '../../db/schema.ts';
import type { Caller } from '../http/route.ts';
import { escapeLike } from '../http/sqlText.ts';
import { countRows, onePage, pagedAnswer } from '../http/paging.ts';
import type { CheckMethod } from '../../db/tables/checkItems.ts';
import { diffVersions } from './itemRows.ts';
import { ancestorsOrSelf, findUnit, itemFieldsOf, loadVersionItems } from './checkItemLists.ts';
import { exportVersionXlsx } from './exportCheckItems.ts';
import { loadCheckItemVersionFor, type CheckItemVersionRow } from './policy.ts';

/** A version as the console shows it. */
export function versionView(v: CheckItemVersionRow & { issuing_unit_name?: string }) {
  return {
    id: v.id,
    issuingUnitCode: v.issuing_unit_code,
    issuingUnitName: v.issuing_unit_name ?? null,
    title: v.title,
    versionNo: v.version_no,
    status: v.status,
    issuedOn: v.issued_on,
    previousVersionId: v.previous_version_id,
    sourceFileName: v.source_file_name,
    itemCount: v.item_count,
    createdByName: v.created_by_name,
    createdAt: v.created_at,
  };
}

/** The versions the caller sees, with how many items of each the caller's unit has claimed. */
export async function listVersionsFor(db: Kysely<DB>, caller: Caller) {
  const ancestors = ancestorsOrSelf(caller.scope.path);
  const rows = await db
    .selectFrom('check_item_version as v')
    .innerJoin('org_unit as u', 'u.code', 'v.issuing_unit_code')
    .selectAll('v')
    .select('u.name as issuing_unit_name')
    .where((eb) =>
      eb.or([eb('v.issuing_unit_code', 'in', caller.scope.unitCodes), eb.and([eb('v.issuing_unit_code', 'in', ancestors), eb('v.status', '=', 'issued')])]),
    )
    .orderBy('u.path')
    .orderBy('v.version_no', 'desc')
    .execute();
  const claimed = await db
    .selectFrom('check_item_claim')
    .select(['version_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('unit_code', '=', caller.scope.unitCode)
    .groupBy('version_id')
    .execute();
  const claimedBy = new Map(claimed.map((c) => [c.version_id, Number(c.n)]));
  return { items: rows.map((v) => ({ ...versionView(v), claimedByMyUnit: claimedBy.get(v.id) ?? 0 })) };
}

/** One version with its 抽查类别 counts and whether the caller's unit may claim from it. */
export async function versionDetail(db: Kysely<DB>, caller: Caller, input: { id: string }) {
  const version = await loadCheckItemVersionFor(db, caller, input.id, 'read');
  const unit = await findUnit(db, version.issuing_unit_code);
  const categories = await db
    .selectFrom('check_item')
    .select(['category', (eb) => eb.fn.countAll<string>().as('n')])
    .where('version_id', '=', version.id)
    .groupBy('category')
    .orderBy('category')
    .execute();
  return {
    ...versionView({ ...version, issuing_unit_name: unit.name }),
    categories: categories.map((c) => ({ category: c.category, count: Number(c.n) })),
    canClaim: version.status === 'issued' && ancestorsOrSelf(caller.scope.path).includes(version.issuing_unit_code),
  };
}

export interface VersionItemsQuery {
  id: string;
  page: number;
  pageSize: number;
  q?: string;
  category?: string;
  method?: CheckMethod;
  key?: 'true' | 'false';
  claimed?: 'true' | 'false';
}

/** A page of a version's items, filtered, each with the caller's unit's claim. */
export async function versionItemsPage(db: Kysely<DB>, caller: Caller, input: VersionItemsQuery) {
  const version = await loadCheckItemVersionFor(db, caller, input.id, 'read');
  let base = db
    .selectFrom('check_item as i')
    .leftJoin('check_item_claim as c', (join) =>
      join.onRef('c.item_code', '=', 'i.item_code').on('c.issuing_unit_code', '=', version.issuing_unit_code).on('c.unit_code', '=', caller.scope.unitCode),
    )
    .where('i.version_id', '=', version.id);
  if (input.q) {
    const pattern = `%${escapeLike(input.q)}%`;
    base = base.where((eb) =>
      eb.or([eb('i.name', 'like', pattern), eb('i.item_code', 'like', pattern), eb('i.content', 'like', pattern), eb('i.legal_basis', 'like', pattern)]),
    );
  }
  if (input.category) base = base.where('i.category', '=', input.category);
  if (input.method) base = base.where((eb) => eb(eb.val<string>(input.method!), '=', eb.fn.any('i.methods')));
  if (input.key) base = base.where('i.is_key', '=', input.key === 'true');
  if (input.claimed) base = base.where('c.item_code', input.claimed === 'true' ? 'is not' : 'is', null);
  const total = await countRows(base);
  const rows = await base
    .selectAll('i')
    .select([
      'c.item_code as claim_item_code',
      'c.version_id as claim_version_id',
      'c.claimed_on',
      'c.responsible_office',
      'c.local_note',
      'c.review_status',
      'c.review_reason',
      'c.changed_fields',
    ])
    .orderBy('i.seq')
    .orderBy('i.item_code')
    .$call(onePage(input))
    .execute();
  return pagedAnswer(
    rows.map((r) => ({
      ...itemFieldsOf(r),
      claim:
        r.claim_item_code && r.claim_version_id && r.claimed_on && r.review_status
          ? {
              claimedOn: r.claimed_on,
              responsibleOffice: r.responsible_office,
              localNote: r.local_note,
              reviewStatus: r.review_status,
              reviewReason: r.review_reason,
              changedFields: r.changed_fields ?? [],
              versionId: r.claim_version_id,
            }
          : null,
    })),
    total,
    input,
  );
}

/** The differences from the previous version (or `against`); a draft compares with the newest issued version of its list. */
export async function versionDiff(db: Kysely<DB>, caller: Caller, input: { id: string; against?: string }) {
  const version = await loadCheckItemVersionFor(db, caller, input.id, 'read');
  let againstId = input.against ?? version.previous_version_id;
  if (!againstId) {
    const latest = await db
      .selectFrom('check_item_version')
      .select('id')
      .where('issuing_unit_code', '=', version.issuing_unit_code)
      .where('status', '=', 'issued')
      .where('id', '!=', version.id)
      .orderBy('version_no', 'desc')
      .limit(1)
      .executeTakeFirst();
    againstId = latest?.id ?? null;
  }
  if (!againstId) return { versionId: version.id, against: null, diff: null };
  const against = await loadCheckItemVersionFor(db, caller, againstId, 'read');
  const diff = diffVersions(await loadVersionItems(db, against.id), await loadVersionItems(db, version.id));
  return { versionId: version.id, against: versionView(against), diff };
}

/** Claims of the caller's units that a new version put up for review. */
export async function reviewClaimsFor(db: Kysely<DB>, caller: Caller) {
  const rows = await db
    .selectFrom('check_item_claim as c')
    .innerJoin('check_item as i', (join) => join.onRef('i.version_id', '=', 'c.version_id').onRef('i.item_code', '=', 'c.item_code'))
    .innerJoin('org_unit as u', 'u.code', 'c.unit_code')
    .leftJoin('check_item_version as nv', 'nv.id', 'c.review_version_id')
    .select([
      'c.unit_code',
      'u.name as unit_name',
      'c.issuing_unit_code',
      'c.item_code',
      'i.name',
      'i.category',
      'c.review_reason as reason',
      'c.changed_fields',
      'c.claimed_on',
      'c.responsible_office',
      'nv.id as new_version_id',
      'nv.title as new_version_title',
    ])
    .where('c.unit_code', 'in', caller.scope.unitCodes)
    .where('c.review_status', '=', 'needs_review')
    .orderBy('c.unit_code')
    .orderBy('i.seq')
    .execute();
  return {
    items: rows.map(camelRow),
  };
}

/** The version as .xlsx with the caller's unit's claims. */
export async function exportVersionFor(db: Kysely<DB>, caller: Caller, input: { id: string }) {
  const version = await loadCheckItemVersionFor(db, caller, input.id, 'read');
  return exportVersionXlsx(db, version.id, caller.scope.unitCode);
}

/** The portal's 抽查事项清单: the items of the latest issued version of every issuing unit; drafts never appear. */
export async function publicCheckItemList(db: Kysely<DB>, input: { q?: string }) {
  const versions = await db
    .selectFrom('check_item_version as v')
    .innerJoin('org_unit as o', 'o.code', 'v.issuing_unit_code')
    .select(['v.id', 'v.issuing_unit_code', 'o.name as unit_name', 'v.title', 'v.version_no', 'v.issued_on'])
    .where('v.status', '=', 'issued')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('check_item_version as later')
            .select('later.id')
            .whereRef('later.issuing_unit_code', '=', 'v.issuing_unit_code')
            .where('later.status', '=', 'issued')
            .whereRef('later.version_no', '>', 'v.version_no'),
        ),
      ),
    )
    .orderBy('v.issuing_unit_code')
    .execute();
  if (versions.length === 0) return { versions: [], items: [] };
  let q = db
    .selectFrom('check_item')
    .select(['version_id', 'item_code', 'seq', 'category', 'name', 'content', 'legal_basis', 'target', 'methods', 'subject_level', 'is_key', 'guide'])
    .where(
      'version_id',
      'in',
      versions.map((v) => v.id),
    );
  if (input.q) {
    const like = `%${escapeLike(input.q)}%`;
    q = q.where((eb) => eb.or([eb('name', 'like', like), eb('category', 'like', like), eb('content', 'like', like), eb('item_code', 'like', like)]));
  }
  const items = await q.orderBy('version_id').orderBy('seq').execute();
  return {
    versions: versions.map((v) => ({ id: v.id, unitName: v.unit_name, title: v.title, versionNo: v.version_no, issuedOn: v.issued_on })),
    items: items.map((i) => ({
      versionId: i.version_id,
      itemCode: i.item_code,
      seq: i.seq,
      category: i.category,
      name: i.name,
      content: i.content,
      legalBasis: i.legal_basis,
      target: i.target,
      methods: i.methods as CheckMethod[],
      subjectLevel: i.subject_level,
      isKey: i.is_key,
      guide: i.guide,
    })),
  };
}
