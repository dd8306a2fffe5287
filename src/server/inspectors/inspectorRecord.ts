// 执法检查人员名录库: the fields a person is kept with, their validation (shared by the form
// and the import), the drawability SQL filter, and the presenter.
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely';
import { z } from 'zod';
import { inspectorDrawability, type DrawabilityInput } from '../../core/inspectors/drawability.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../http/errors.ts';

export const inspectorStatuses = ['在岗', '调离', '退休'] as const;
export type InspectorStatus = (typeof inspectorStatuses)[number];

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD，例如 2027-06-30')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), '不是有效日期');

const tagList = z.array(z.string().trim().min(1).max(30, '每个标签最多 30 个字')).max(20, '最多 20 个标签');

/** Editable fields of an inspector (create and update). */
export const inspectorFields = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(20, '姓名最多 20 个字'),
  gender: z.enum(['男', '女']).nullable().optional(),
  unitCode: z.string().trim().min(1, '请选择所在单位').max(40),
  category: z.enum(['enforcement', 'expert'], { message: '类别应为 执法人员 或 专业技术人员' }),
  certNo: z
    .string()
    .trim()
    .max(30, '执法证号最多 30 位')
    .regex(/^[0-9A-Za-z-]*$/, '执法证号只能包含数字、字母和连字符')
    .nullable()
    .optional(),
  certExpiresOn: isoDate.nullable().optional(),
  position: z.string().trim().max(30, '岗位/层级最多 30 个字').nullable().optional(),
  specialties: tagList.default([]),
  qualifications: tagList.default([]),
  regionCode: z
    .string()
    .regex(/^\d{6}$/, '区划代码应为 6 位数字')
    .nullable()
    .optional(),
});
export type InspectorFields = z.infer<typeof inspectorFields>;

/** The columns a presenter and the drawability rule need. */
export interface InspectorRow {
  id: string;
  unit_code: string;
  unit_name: string;
  name: string;
  gender: '男' | '女' | null;
  category: 'enforcement' | 'expert';
  cert_no: string | null;
  cert_expires_on: string | null;
  position: string | null;
  specialties: string[];
  qualifications: string[];
  region_code: string;
  status: InspectorStatus;
  status_since: string | null;
}

export const inspectorColumns = [
  'p.id',
  'p.unit_code',
  'o.name as unit_name',
  'p.name',
  'p.gender',
  'p.category',
  'p.cert_no',
  'p.cert_expires_on',
  'p.position',
  'p.specialties',
  'p.qualifications',
  'p.region_code',
  'p.status',
  'p.status_since',
] as const;

export function drawabilityInputOf(
  row: Pick<InspectorRow, 'category' | 'cert_no' | 'cert_expires_on' | 'status' | 'status_since'>,
): DrawabilityInput {
  return {
    category: row.category,
    certNo: row.cert_no,
    certExpiresOn: row.cert_expires_on,
    status: row.status,
    statusSince: row.status_since,
  };
}

/** A person's own fields (what the form and the import set), as the API and the audit log name them. */
export function personFieldsOf(row: Omit<InspectorRow, 'id' | 'unit_name' | 'status' | 'status_since'>) {
  return {
    unitCode: row.unit_code,
    name: row.name,
    gender: row.gender,
    category: row.category,
    certNo: row.cert_no,
    certExpiresOn: row.cert_expires_on,
    position: row.position,
    specialties: row.specialties,
    qualifications: row.qualifications,
    regionCode: row.region_code,
  };
}

export function presentInspector(row: InspectorRow, today: string) {
  const drawability = inspectorDrawability(drawabilityInputOf(row), today);
  return {
    id: row.id,
    unitName: row.unit_name,
    ...personFieldsOf(row),
    status: row.status,
    statusSince: row.status_since,
    drawable: drawability.drawable,
    notDrawableReason: drawability.reason,
  };
}

/**
 * The drawability rule (src/core/inspectors/drawability.ts) as a SQL predicate over `p`
 * (the inspector table), so the list can filter and page by it on the server.
 */
export function drawableSql(eb: ExpressionBuilder<DB & { p: DB['inspector'] }, 'p'>, today: string): Expression<SqlBool> {
  return eb.and([
    eb('p.status', '=', '在岗'),
    eb.or([
      eb('p.category', '=', 'expert'),
      eb.and([
        eb('p.cert_no', 'is not', null),
        eb(sql<string>`btrim(p.cert_no)`, '<>', ''),
        eb('p.cert_expires_on', '>=', sql<string>`${today}::date`),
      ]),
    ]),
  ]);
}

/** The unit (which must exist and lie in scope) and the region an inspector defaults to. */
export async function unitInScope(db: Kysely<DB> | Transaction<DB>, scopeCodes: readonly string[], unitCode: string) {
  const unit = await db
    .selectFrom('org_unit')
    .select(['code', 'name', 'region_code', 'kind'])
    .where('code', '=', unitCode)
    .executeTakeFirst();
  if (!unit) throw new AppError('VALIDATION_FAILED', `单位代码 ${unitCode} 不存在，请从单位列表中选择。`, { field: 'unitCode' });
  if (!scopeCodes.includes(unit.code)) {
    throw new AppError('FORBIDDEN_UNIT', `单位「${unit.name}」不在您当前单位的管辖范围内，只能登记本单位及下级单位的人员。`, { unitCode });
  }
  return unit;
}

/** Another person in the directory already holding this 执法证号 (certificate numbers are personal). */
export async function certHolder(db: Kysely<DB> | Transaction<DB>, certNo: string, exceptId?: string) {
  let query = db
    .selectFrom('inspector as p')
    .innerJoin('org_unit as o', 'o.code', 'p.unit_code')
    .select(['p.id', 'p.name', 'o.name as unit_name'])
    .where('p.cert_no', '=', certNo);
  if (exceptId) query = query.where('p.id', '<>', exceptId);
  return query.executeTakeFirst();
}
