// 随机抽查事项清单 use cases as the console calls them: a draft version from a file, issuing a
// draft, claiming and unclaiming items, resolving the claims a new version put up for review.
// Each addresses a version through loadCheckItemVersionFor and commits with its audit row; the
// rules themselves are in checkItemLists.ts (shared with the CLI and the demo).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { actorOf } from '../audit/recordAudit.ts';
import { todayInChina } from '../clock.ts';
import { AppError } from '../http/errors.ts';
import type { Caller, UploadedFile } from '../http/route.ts';
import { claimItems, importCheckItemList, issueVersion, resolveReview, unclaimItems } from './checkItemLists.ts';
import { loadCheckItemVersionFor } from './policy.ts';

/** A new draft version of the caller's unit's list from an uploaded file (all rows or none); dryRun only checks. */
export async function importVersionFrom(
  db: Kysely<DB>,
  caller: Caller,
  input: { upload: UploadedFile | null; title: string; dryRun: boolean },
) {
  if (!input.upload) throw new AppError('BAD_FILE', '请上传事项清单文件（.xlsx 或 .csv）。');
  return importCheckItemList(db, {
    filePath: input.upload.path,
    fileName: input.upload.fileName,
    issuingUnitCode: caller.scope.unitCode,
    title: input.title,
    dryRun: input.dryRun,
    actor: actorOf(caller),
  });
}

/** draft → issued, by the issuing unit or a unit above it; answers the diff and the claims put up for review. */
export async function issueVersionOf(db: Kysely<DB>, caller: Caller, input: { id: string; issuedOn?: string }) {
  return db.transaction().execute(async (trx) => {
    const version = await loadCheckItemVersionFor(trx, caller, input.id, 'act');
    return issueVersion(trx, version.id, actorOf(caller), input.issuedOn ?? todayInChina());
  });
}

/** The caller's unit claims items of the newest issued version of its own or an ancestor's list. */
export async function claimItemsFor(
  db: Kysely<DB>,
  caller: Caller,
  input: { versionId: string; itemCodes: string[]; responsibleOffice?: string; localNote?: string },
) {
  return db.transaction().execute(async (trx) => {
    const version = await loadCheckItemVersionFor(trx, caller, input.versionId, 'read');
    return claimItems(trx, {
      unitCode: caller.scope.unitCode,
      versionId: version.id,
      itemCodes: input.itemCodes,
      responsibleOffice: input.responsibleOffice || null,
      localNote: input.localNote || null,
      actor: actorOf(caller),
      today: todayInChina(),
    });
  });
}

/** The caller's unit gives up its claims of items of a list. */
export async function unclaimItemsFor(db: Kysely<DB>, caller: Caller, input: { versionId: string; itemCodes: string[] }) {
  return db.transaction().execute(async (trx) => {
    const version = await loadCheckItemVersionFor(trx, caller, input.versionId, 'read');
    return unclaimItems(trx, { unitCode: caller.scope.unitCode, versionId: version.id, itemCodes: input.itemCodes, actor: actorOf(caller) });
  });
}

/** The caller's unit keeps (on the newest version) or drops its claims waiting for review. */
export async function resolveReviewFor(
  db: Kysely<DB>,
  caller: Caller,
  input: { issuingUnitCode: string; itemCodes: string[]; decision: 'keep' | 'drop' },
) {
  return db.transaction().execute((trx) =>
    resolveReview(trx, {
      unitCode: caller.scope.unitCode,
      issuingUnitCode: input.issuingUnitCode,
      itemCodes: input.itemCodes,
      decision: input.decision,
      actor: actorOf(caller),
    }),
  );
}
