// 组织机构 use cases: a system administrator adds a unit below a unit of its own.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { unitKindLabel, type UnitKind } from '../../core/glossary.ts';
import { bureauDivisionProblem, childUnitKinds, isBureauKind } from '../../core/orgTree/orgTreeFile.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';
import { actorOf, recordAudit } from '../audit/recordAudit.ts';
import { loadDivisions } from './installCommands.ts';
import { loadUnitFor } from './policy.ts';
import { presentUnit, type OrgUnitView } from './orgViews.ts';

export interface NewUnit {
  parentCode: string;
  code: string;
  name: string;
  shortName?: string | undefined;
  kind: Exclude<UnitKind, 'province'>;
  deptType?: string | undefined;
}

export async function createUnit(db: Kysely<DB>, caller: Caller, input: NewUnit): Promise<OrgUnitView> {
  return db.transaction().execute(async (trx) => {
    const parent = await loadUnitFor(trx, caller, input.parentCode, 'act');
    if (!childUnitKinds[parent.kind].includes(input.kind)) {
      throw new AppError(
        'VALIDATION_FAILED',
        `「${unitKindLabel[parent.kind]}」单位下不能设「${unitKindLabel[input.kind]}」。可设：${childUnitKinds[parent.kind].map((k) => unitKindLabel[k]).join('、') || '无'}。`,
        { field: 'kind' },
      );
    }
    // A 市级/县级 bureau is its own division: its unit code is that division's GB/T 2260 code.
    const bureau = isBureauKind(input.kind);
    if (bureau) {
      const problem = bureauDivisionProblem(input.code, input.kind, parent.region_code, await loadDivisions(trx));
      if (problem) throw new AppError('VALIDATION_FAILED', `单位代码 ${input.code}：${problem}。`, { field: 'code' });
    }
    const row = {
      code: input.code,
      name: input.name,
      short_name: input.shortName ?? input.name,
      kind: input.kind,
      parent_code: parent.code,
      path: `${parent.path}.${input.code}`,
      region_code: bureau ? input.code : parent.region_code,
      dept_type: input.kind === 'department' ? (input.deptType ?? null) : null,
    };
    // ON CONFLICT: two administrators adding the same code at once get the same 409, not a server error.
    const inserted = await trx.insertInto('org_unit').values(row).onConflict((oc) => oc.column('code').doNothing()).returning('code').executeTakeFirst();
    if (!inserted) throw new AppError('CONFLICT', `单位代码 ${input.code} 已被使用，请换一个代码。`, { field: 'code' });
    await recordAudit(trx, { unitCode: caller.scope.unitCode, ...actorOf(caller), action: 'org.create', objectType: 'org_unit', objectId: row.code, after: row });
    return presentUnit(row);
  });
}
