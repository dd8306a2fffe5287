// 其他检查对象（产品/项目/行为/标准）: the request body (validated by the pure rules in
// src/core/directoryObjects), the checks that need the database (管辖单位 in scope, 区划 and
// 行业 known, code free), system-code allocation and the presenter. Shared by the routes and
// the file import.
import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import { objectKindLabel, type ObjectKind } from '../../core/glossary.ts';
import { checkObjectFields, objectStatusLabel, type ObjectFields, type ObjectStatus } from '../../core/directoryObjects/objectFields.ts';
import { nextSystemObjectCode, systemCodePrefix } from '../../core/directoryObjects/objectCode.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../http/errors.ts';

type Db = Kysely<DB> | Transaction<DB>;

const text = (max: number) => z.string().max(max, `最多 ${max} 个字`).nullable().optional();

/** Create/update body: loose shapes first, then the one pure check (objectFields.ts). */
export const objectBody = z
  .object({
    kind: text(20).describe('对象类别'),
    code: text(60).describe('对象编码'),
    name: text(200).describe('名称'),
    description: text(1000).describe('说明'),
    uscc: text(40).describe('关联主体统一社会信用代码'),
    regionCode: text(20).describe('所在区划'),
    industryCode: text(20).describe('行业代码'),
    unitCode: z.string().trim().max(40).nullable().optional().describe('管辖单位'),
    tags: z.array(z.string().max(60, '每个标签最多 30 个字')).max(50, '最多 20 个标签').default([]).describe('标签'),
  })
  .transform((raw, ctx) => {
    const checked = checkObjectFields({
      kind: raw.kind ?? '',
      code: raw.code ?? '',
      name: raw.name ?? '',
      description: raw.description ?? '',
      uscc: raw.uscc ?? '',
      regionCode: raw.regionCode ?? '',
      industryCode: raw.industryCode ?? '',
      tags: raw.tags,
    });
    if (!checked.ok) {
      for (const e of checked.errors) ctx.addIssue({ code: 'custom', path: [e.field], message: e.message });
      return z.NEVER;
    }
    return { ...checked.value, unitCode: raw.unitCode || null };
  });
export type ObjectBody = z.infer<typeof objectBody>;

export interface ObjectRow {
  id: string;
  unit_code: string;
  unit_name: string;
  object_kind: ObjectKind;
  object_code: string;
  name: string;
  description: string;
  uscc: string | null;
  region_code: string;
  industry_code: string | null;
  tags: string[];
  status: ObjectStatus;
  status_since: string | null;
  created_at: Date;
  updated_at: Date;
  entity_name?: string | null;
}

export const objectColumns = [
  'd.id',
  'd.unit_code',
  'u.name as unit_name',
  'd.object_kind',
  'd.object_code',
  'd.name',
  'd.description',
  'd.uscc',
  'd.region_code',
  'd.industry_code',
  'd.tags',
  'd.status',
  'd.status_since',
  'd.created_at',
  'd.updated_at',
] as const;

export function presentObject(row: ObjectRow) {
  return {
    id: row.id,
    unitCode: row.unit_code,
    unitName: row.unit_name,
    kind: row.object_kind,
    kindLabel: objectKindLabel[row.object_kind],
    code: row.object_code,
    name: row.name,
    description: row.description,
    uscc: row.uscc,
    /** The related entity's name when it is in the directory and within the caller's units. */
    entityName: row.entity_name ?? null,
    regionCode: row.region_code.trim(),
    industryCode: row.industry_code,
    tags: row.tags,
    status: row.status,
    statusLabel: objectStatusLabel[row.status],
    statusSince: row.status_since,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The owning unit: given or the caller's own; it must exist and lie within the caller's scope. */
export async function ownerUnit(db: Db, scopeCodes: readonly string[], unitCode: string) {
  const unit = await db.selectFrom('org_unit').select(['code', 'name', 'region_code']).where('code', '=', unitCode).executeTakeFirst();
  if (!unit) throw new AppError('VALIDATION_FAILED', `管辖单位代码 ${unitCode} 不存在，请从单位列表中选择。`, { field: 'unitCode' });
  if (!scopeCodes.includes(unit.code))
    throw new AppError('FORBIDDEN_UNIT', `单位「${unit.name}」不在您当前单位的管辖范围内，只能登记本单位及下级单位管辖的检查对象。`, {
      unitCode,
    });
  return { ...unit, region_code: unit.region_code.trim() };
}

/** Refuses a 区划 or 行业 code the reference data does not know. */
export async function assertReferenceCodes(db: Db, fields: Pick<ObjectFields, 'regionCode' | 'industryCode'>): Promise<void> {
  if (fields.regionCode) {
    const region = await db.selectFrom('ref_division').select('code').where('code', '=', fields.regionCode).executeTakeFirst();
    if (!region)
      throw new AppError('VALIDATION_FAILED', `所属区划 ${fields.regionCode} 不存在，请填写 6 位行政区划代码，例如 140581。`, {
        field: 'regionCode',
      });
  }
  if (fields.industryCode) {
    const industry = await db.selectFrom('ref_industry').select('code').where('code', '=', fields.industryCode).executeTakeFirst();
    if (!industry)
      throw new AppError('VALIDATION_FAILED', `行业代码 ${fields.industryCode} 不在 GB/T 4754-2017 国民经济行业分类中，请核对。`, {
        field: 'industryCode',
      });
  }
}

/**
 * Serialises code assignment and code checks for one unit and kind until the transaction
 * ends, so two writers never take the same code (the unique key would refuse the second).
 */
export async function lockObjectCodes(trx: Transaction<DB>, unitCode: string, kind: ObjectKind): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`directory_object:${unitCode}:${kind}`}))`.execute(trx);
}

/** Gives out system codes (CP-140581-2026-000123) for one transaction; call lockObjectCodes first. */
export class SystemCodeAllocator {
  private readonly used = new Map<string, string[]>();
  constructor(
    private readonly trx: Transaction<DB>,
    private readonly year: number,
  ) {}

  async next(unitCode: string, kind: ObjectKind, regionCode: string): Promise<string> {
    const series = `${unitCode}|${kind}|${regionCode}`;
    let used = this.used.get(series);
    if (!used) {
      const rows = await this.trx
        .selectFrom('directory_object')
        .select('object_code')
        .where('unit_code', '=', unitCode)
        .where('object_kind', '=', kind)
        .where('object_code', 'like', `${systemCodePrefix[kind]}-${regionCode}-${this.year}-%`)
        .execute();
      used = rows.map((r) => r.object_code);
      this.used.set(series, used);
    }
    const code = nextSystemObjectCode(kind, regionCode, this.year, used);
    used.push(code);
    return code;
  }
}

/** The object of this unit and kind that already carries the code, if any (other than exceptId). */
export async function codeHolder(db: Db, unitCode: string, kind: ObjectKind, code: string, exceptId?: string) {
  let query = db
    .selectFrom('directory_object')
    .select(['id', 'name'])
    .where('unit_code', '=', unitCode)
    .where('object_kind', '=', kind)
    .where('object_code', '=', code);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return query.executeTakeFirst();
}

export function duplicateCodeError(kind: ObjectKind, code: string, holderName: string): AppError {
  return new AppError(
    'CONFLICT',
    `对象编码 ${code} 已被本单位的${objectKindLabel[kind]}「${holderName}」使用；同一单位同一类别的编码不能重复，请改用其他编码或留空由系统生成。`,
    { field: 'code' },
  );
}
