// Use cases of the 随机抽查事项清单 (seed 003 一(一)): draft versions from a file, issuing
// (with the diff against the previous version and the claims it puts up for review),
// claims by lower units and their review. Shared by the API, the CLI and the demo loader.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CheckItemTable } from '../../db/tables/checkItems.ts';
import { AppError } from '../http/errors.ts';
import { recordAudit, type Actor } from '../audit/recordAudit.ts';
import { diffVersions, type CheckItemFields, type VersionDiff } from './itemRows.ts';
import { readItemFile } from './readItemFile.ts';


type Db = Kysely<DB> | Transaction<DB>;

export function itemFieldsOf(row: Selectable<CheckItemTable>): CheckItemFields {
  return {
    itemCode: row.item_code,
    seq: row.seq,
    category: row.category,
    name: row.name,
    content: row.content,
    legalBasis: row.legal_basis,
    target: row.target,
    methods: row.methods as CheckItemFields['methods'],
    subjectLevel: row.subject_level,
    isKey: row.is_key,
    staffRequirements: row.staff_requirements,
    guide: row.guide,
  };
}

export async function loadVersionItems(db: Db, versionId: string): Promise<CheckItemFields[]> {
  const rows = await db.selectFrom('check_item').selectAll().where('version_id', '=', versionId).orderBy('seq').orderBy('item_code').execute();
  return rows.map(itemFieldsOf);
}

/** Codes of the unit and all its ancestors (org_unit.path is the ancestor codes joined by '.'). */
export function ancestorsOrSelf(path: string): string[] {
  return path.split('.');
}

export async function findVersion(db: Db, versionId: string) {
  const version = await db.selectFrom('check_item_version').selectAll().where('id', '=', versionId).executeTakeFirst();
  if (!version) throw new AppError('NOT_FOUND', `抽查事项清单版本 ${versionId} 不存在，请刷新版本列表后重试`, { versionId });
  return version;
}

/** The newest issued version of the list an issuing unit keeps, if any. */
export async function latestIssuedVersion(db: Db, issuingUnitCode: string) {
  return db
    .selectFrom('check_item_version')
    .selectAll()
    .where('issuing_unit_code', '=', issuingUnitCode)
    .where('status', '=', 'issued')
    .orderBy('version_no', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function createDraftVersion(
  trx: Transaction<DB>,
  input: { issuingUnitCode: string; title: string; sourceFileName: string | null; items: CheckItemFields[]; actor: Actor },
): Promise<{ id: string; versionNo: number }> {
  // Version numbers are per issuing unit; serialise concurrent imports of one unit.
  await sql`SELECT pg_advisory_xact_lock(hashtext(${'check_item_version:' + input.issuingUnitCode}))`.execute(trx);
  const last = await trx
    .selectFrom('check_item_version')
    .select((eb) => eb.fn.max('version_no').as('n'))
    .where('issuing_unit_code', '=', input.issuingUnitCode)
    .executeTakeFirst();
  const versionNo = Number(last?.n ?? 0) + 1;
  const version = await trx
    .insertInto('check_item_version')
    .values({
      issuing_unit_code: input.issuingUnitCode,
      title: input.title,
      version_no: versionNo,
      source_file_name: input.sourceFileName,
      item_count: input.items.length,
      created_by_name: input.actor.actorName,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < input.items.length; i += 200) {
    await trx
      .insertInto('check_item')
      .values(
        input.items.slice(i, i + 200).map((item) => ({
          version_id: version.id,
          item_code: item.itemCode,
          seq: item.seq,
          category: item.category,
          name: item.name,
          content: item.content,
          legal_basis: item.legalBasis,
          target: item.target,
          methods: item.methods,
          subject_level: item.subjectLevel,
          is_key: item.isKey,
          staff_requirements: item.staffRequirements,
          guide: item.guide,
        })),
      )
      .execute();
  }
  await recordAudit(trx, {
    unitCode: input.issuingUnitCode,
    ...input.actor,
    action: 'check_items.import',
    objectType: 'check_item_version',
    objectId: version.id,
    after: { title: input.title, versionNo, itemCount: input.items.length, sourceFileName: input.sourceFileName },
  });
  return { id: version.id, versionNo };
}

export interface IssueResult {
  versionId: string;
  previousVersionId: string | null;
  diff: VersionDiff | null;
  /** Claims (of any unit) now waiting for review by their unit. */
  claimsForReview: number;
  /** Claims moved forward to the new version unchanged. */
  claimsCarried: number;
}

/** draft → issued. Compares with the previous issued version and re-checks every claim of the list. */
export async function issueVersion(trx: Transaction<DB>, versionId: string, actor: Actor, issuedOn: string): Promise<IssueResult> {
  const version = await trx.selectFrom('check_item_version').selectAll().where('id', '=', versionId).forUpdate().executeTakeFirst();
  if (!version) throw new AppError('NOT_FOUND', `抽查事项清单版本 ${versionId} 不存在`, { versionId });
  if (version.status !== 'draft') {
    throw new AppError('INVALID_STATE', `「${version.title}」已于 ${version.issued_on} 发布，不能重复发布。如需修改，请导入新版本。`, {
      status: version.status,
    });
  }
  const previous = await latestIssuedVersion(trx, version.issuing_unit_code);
  if (previous && previous.version_no > version.version_no) {
    throw new AppError('INVALID_STATE', `已发布更新的第 ${previous.version_no} 版（${previous.title}），不能再发布较早导入的第 ${version.version_no} 版草稿。`);
  }
  await trx
    .updateTable('check_item_version')
    .set({ status: 'issued', issued_on: issuedOn, previous_version_id: previous?.id ?? null })
    .where('id', '=', versionId)
    .execute();

  const newItems = await loadVersionItems(trx, versionId);
  const diff = previous ? diffVersions(await loadVersionItems(trx, previous.id), newItems) : null;
  const { review, carried } = await recheckClaims(trx, version.issuing_unit_code, versionId, newItems);

  await recordAudit(trx, {
    unitCode: version.issuing_unit_code,
    ...actor,
    action: 'check_items.issue',
    objectType: 'check_item_version',
    objectId: versionId,
    before: { status: 'draft' },
    after: {
      status: 'issued',
      issuedOn,
      versionNo: version.version_no,
      previousVersionId: previous?.id ?? null,
      added: diff?.added.length ?? newItems.length,
      removed: diff?.removed.length ?? 0,
      changed: diff?.changed.length ?? 0,
      claimsForReview: review,
    },
  });
  return { versionId, previousVersionId: previous?.id ?? null, diff, claimsForReview: review, claimsCarried: carried };
}

/**
 * After a new version is issued: every claim on the list is compared with its item in the
 * version it was confirmed against. Unchanged → moved to the new version; removed or changed →
 * needs_review, for the claiming unit to keep or drop (seed 003: 清单动态调整).
 */
async function recheckClaims(trx: Transaction<DB>, issuingUnitCode: string, newVersionId: string, newItems: CheckItemFields[]) {
  const claims = await trx
    .selectFrom('check_item_claim')
    .select(['unit_code', 'item_code', 'version_id'])
    .where('issuing_unit_code', '=', issuingUnitCode)
    .execute();
  const byVersion = new Map<string, Map<string, CheckItemFields>>();
  for (const versionId of new Set(claims.map((c) => c.version_id))) {
    byVersion.set(versionId, new Map((await loadVersionItems(trx, versionId)).map((i) => [i.itemCode, i])));
  }
  const next = new Map(newItems.map((i) => [i.itemCode, i]));
  let review = 0;
  let carried = 0;
  for (const claim of claims) {
    const before = byVersion.get(claim.version_id)?.get(claim.item_code);
    const after = next.get(claim.item_code);
    const key = (b: ReturnType<typeof trx.updateTable<'check_item_claim'>>) =>
      b.where('unit_code', '=', claim.unit_code).where('issuing_unit_code', '=', issuingUnitCode).where('item_code', '=', claim.item_code);
    if (!after) {
      review += 1;
      await key(trx.updateTable('check_item_claim'))
        .set({ review_status: 'needs_review', review_reason: 'removed', changed_fields: [], review_version_id: newVersionId })
        .execute();
      continue;
    }
    const changes = before ? diffVersions([before], [after]).changed[0]?.changes ?? [] : [];
    if (!before || changes.length > 0) {
      review += 1;
      await key(trx.updateTable('check_item_claim'))
        .set({
          review_status: 'needs_review',
          review_reason: 'changed',
          changed_fields: changes.map((c) => c.label),
          review_version_id: newVersionId,
        })
        .execute();
    } else {
      carried += 1;
      await key(trx.updateTable('check_item_claim'))
        .set({ version_id: newVersionId, review_status: 'current', review_reason: null, changed_fields: [], review_version_id: null })
        .execute();
    }
  }
  return { review, carried };
}

/** Loads the unit (for its path) or fails with NOT_FOUND. */
export async function findUnit(db: Db, code: string) {
  const unit = await db.selectFrom('org_unit').select(['code', 'name', 'path', 'kind']).where('code', '=', code).executeTakeFirst();
  if (!unit) throw new AppError('NOT_FOUND', `单位代码 ${code} 不存在，请核对后重试`, { unitCode: code });
  return unit;
}

/** Claimable: an issued version, the newest of its list, issued by the claiming unit or one of its ancestors. */
async function claimableVersion(db: Db, versionId: string, claimingUnitPath: string) {
  const version = await findVersion(db, versionId);
  const claimingUnitCode = ancestorsOrSelf(claimingUnitPath).at(-1);
  // An ancestor's draft is not visible below it: answer as if it did not exist.
  if (version.status !== 'issued' && version.issuing_unit_code !== claimingUnitCode) {
    throw new AppError('NOT_FOUND', `抽查事项清单版本 ${versionId} 不存在或尚未发布`, { versionId });
  }
  if (!ancestorsOrSelf(claimingUnitPath).includes(version.issuing_unit_code)) {
    throw new AppError('FORBIDDEN_UNIT', `「${version.title}」不是本单位或上级单位发布的清单，不能认领其中的事项。`, {
      issuingUnitCode: version.issuing_unit_code,
    });
  }
  if (version.status !== 'issued') throw new AppError('INVALID_STATE', `「${version.title}」尚未发布（草稿），发布后才能认领。`);
  const latest = await latestIssuedVersion(db, version.issuing_unit_code);
  if (latest && latest.id !== version.id) {
    throw new AppError('INVALID_STATE', `「${version.title}」已被第 ${latest.version_no} 版（${latest.title}）取代，请在最新版本中认领。`, {
      latestVersionId: latest.id,
    });
  }
  return version;
}

async function assertItemsExist(db: Db, versionId: string, itemCodes: string[]): Promise<void> {
  const found = new Set(
    (await db.selectFrom('check_item').select('item_code').where('version_id', '=', versionId).where('item_code', 'in', itemCodes).execute()).map(
      (r) => r.item_code,
    ),
  );
  const missing = itemCodes.filter((c) => !found.has(c));
  if (missing.length > 0) {
    throw new AppError('VALIDATION_FAILED', `以下事项编码不在该版本清单中：${missing.slice(0, 20).join('、')}。请刷新事项列表后重新勾选。`, { missing });
  }
}

export async function claimItems(
  trx: Transaction<DB>,
  input: {
    unitCode: string;
    versionId: string;
    itemCodes: string[];
    responsibleOffice: string | null;
    localNote: string | null;
    actor: Actor;
    today: string;
  },
): Promise<{ claimed: number }> {
  const unit = await findUnit(trx, input.unitCode);
  const version = await claimableVersion(trx, input.versionId, unit.path);
  const codes = [...new Set(input.itemCodes)];
  await assertItemsExist(trx, version.id, codes);
  await trx
    .insertInto('check_item_claim')
    .values(
      codes.map((code) => ({
        unit_code: unit.code,
        issuing_unit_code: version.issuing_unit_code,
        item_code: code,
        version_id: version.id,
        claimed_on: input.today,
        responsible_office: input.responsibleOffice,
        local_note: input.localNote,
        claimed_by_name: input.actor.actorName,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['unit_code', 'issuing_unit_code', 'item_code']).doUpdateSet((eb) => ({
        version_id: eb.ref('excluded.version_id'),
        responsible_office: eb.ref('excluded.responsible_office'),
        local_note: eb.ref('excluded.local_note'),
        review_status: 'current',
        review_reason: null,
        changed_fields: [],
        review_version_id: null,
      })),
    )
    .execute();
  await recordAudit(trx, {
    unitCode: unit.code,
    ...input.actor,
    action: 'check_items.claim',
    objectType: 'check_item_version',
    objectId: version.id,
    after: { itemCodes: codes, responsibleOffice: input.responsibleOffice, localNote: input.localNote },
  });
  return { claimed: codes.length };
}

export async function unclaimItems(
  trx: Transaction<DB>,
  input: { unitCode: string; versionId: string; itemCodes: string[]; actor: Actor },
): Promise<{ unclaimed: number }> {
  const version = await findVersion(trx, input.versionId);
  const codes = [...new Set(input.itemCodes)];
  const deleted = await trx
    .deleteFrom('check_item_claim')
    .where('unit_code', '=', input.unitCode)
    .where('issuing_unit_code', '=', version.issuing_unit_code)
    .where('item_code', 'in', codes)
    .returning('item_code')
    .execute();
  if (deleted.length === 0) throw new AppError('NOT_FOUND', '所选事项本单位均未认领，无需取消。');
  await recordAudit(trx, {
    unitCode: input.unitCode,
    ...input.actor,
    action: 'check_items.unclaim',
    objectType: 'check_item_version',
    objectId: version.id,
    before: { itemCodes: deleted.map((d) => d.item_code) },
  });
  return { unclaimed: deleted.length };
}

/** The claiming unit keeps (confirms against the newest version) or drops claims marked for review. */
export async function resolveReview(
  trx: Transaction<DB>,
  input: { unitCode: string; issuingUnitCode: string; itemCodes: string[]; decision: 'keep' | 'drop'; actor: Actor },
): Promise<{ resolved: number }> {
  const codes = [...new Set(input.itemCodes)];
  const claims = await trx
    .selectFrom('check_item_claim')
    .selectAll()
    .where('unit_code', '=', input.unitCode)
    .where('issuing_unit_code', '=', input.issuingUnitCode)
    .where('item_code', 'in', codes)
    .forUpdate()
    .execute();
  const missing = codes.filter((c) => !claims.some((cl) => cl.item_code === c));
  if (missing.length > 0) throw new AppError('NOT_FOUND', `本单位没有这些事项的认领：${missing.join('、')}`, { missing });
  const notPending = claims.filter((c) => c.review_status !== 'needs_review');
  if (notPending.length > 0) {
    throw new AppError('INVALID_STATE', `以下认领不在待复核状态，无需复核：${notPending.map((c) => c.item_code).join('、')}`);
  }
  const latest = await latestIssuedVersion(trx, input.issuingUnitCode);
  if (input.decision === 'keep') {
    const removed = claims.filter((c) => c.review_reason === 'removed');
    if (removed.length > 0 || !latest) {
      throw new AppError('INVALID_STATE', `以下事项已在新版清单中删除，不能保留，只能放弃认领：${removed.map((c) => c.item_code).join('、')}`);
    }
    await trx
      .updateTable('check_item_claim')
      .set({ version_id: latest.id, review_status: 'current', review_reason: null, changed_fields: [], review_version_id: null })
      .where('unit_code', '=', input.unitCode)
      .where('issuing_unit_code', '=', input.issuingUnitCode)
      .where('item_code', 'in', codes)
      .execute();
  } else {
    await trx
      .deleteFrom('check_item_claim')
      .where('unit_code', '=', input.unitCode)
      .where('issuing_unit_code', '=', input.issuingUnitCode)
      .where('item_code', 'in', codes)
      .execute();
  }
  await recordAudit(trx, {
    unitCode: input.unitCode,
    ...input.actor,
    action: input.decision === 'keep' ? 'check_items.review_keep' : 'check_items.review_drop',
    objectType: 'check_item_claim',
    objectId: `${input.issuingUnitCode}:${codes.join(',')}`.slice(0, 500),
    before: { claims: claims.map((c) => ({ itemCode: c.item_code, reason: c.review_reason, changedFields: c.changed_fields })) },
    after: { decision: input.decision, versionId: latest?.id ?? null },
  });
  return { resolved: codes.length };
}

/**
 * Reads a list file and, when every row is valid, stores it as a new draft version of the
 * issuing unit's list (all-or-nothing). Issuing units are the province and the cities.
 */
export async function importCheckItemList(
  db: Kysely<DB>,
  input: { filePath: string; fileName: string; issuingUnitCode: string; title: string; dryRun: boolean; actor: Actor },
) {
  const file = await readItemFile(input.filePath, input.fileName);
  if (file.errors.length > 0) {
    throw new AppError('UNPROCESSABLE', `文件「${input.fileName}」有 ${file.errors.length} 处错误，未导入任何事项。请按错误清单修改后重新导入。`, {
      errors: file.errors,
      rowCount: file.rowCount,
      unknownColumns: file.unknownColumns,
    });
  }
  const unit = await findUnit(db, input.issuingUnitCode);
  if (unit.kind !== 'province' && unit.kind !== 'city') {
    throw new AppError('FORBIDDEN_UNIT', `随机抽查事项清单由省局或市局制定发布；${unit.name}请在「事项清单」中认领上级清单的事项。`);
  }
  const summary = {
    rowCount: file.rowCount,
    itemCount: file.items.length,
    keyItems: file.items.filter((i) => i.isKey).length,
    categories: [...new Set(file.items.map((i) => i.category))],
    unknownColumns: file.unknownColumns,
  };
  if (input.dryRun) return { dryRun: true as const, versionId: null, versionNo: null, ...summary };
  const created = await db
    .transaction()
    .execute((trx) =>
      createDraftVersion(trx, { issuingUnitCode: unit.code, title: input.title, sourceFileName: input.fileName, items: file.items, actor: input.actor }),
    );
  return { dryRun: false as const, versionId: created.id, versionNo: created.versionNo, ...summary };
}
