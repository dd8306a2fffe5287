// 回避 declarations (seed 001 一): an inspector declares ties to an entity (by 统一社会信用代码)
// or a relationship — 原工作单位, 亲属经营 (the related entity's code) or 本人网格/辖区 (a region
// or a unit). A declaration is ended, never deleted, so the record of who declared what stays.
import { z } from 'zod';
import { validateUscc } from '../../core/uscc/index.ts';
import type { Selectable } from 'kysely';
import type { InspectorRecusalTable, RecusalKind } from '../../db/tables/inspectorDirectory.ts';
import { isoDate } from './inspectorRecord.ts';

export const recusalKindLabel: Record<RecusalKind, string> = {
  entity: '特定市场主体',
  former_employer: '原工作单位',
  relative_business: '亲属经营',
  own_grid: '本人网格/辖区',
};

export const recusalInput = z
  .object({
    kind: z.enum(['entity', 'former_employer', 'relative_business', 'own_grid'], {
      message: '回避类型应为 特定市场主体、原工作单位、亲属经营 或 本人网格/辖区',
    }),
    uscc: z.string().trim().max(18).nullable().optional(),
    relatedName: z.string().trim().max(100, '关联名称最多 100 个字').nullable().optional(),
    relatedRegionCode: z
      .string()
      .regex(/^\d{6}$/, '区划代码应为 6 位数字')
      .nullable()
      .optional(),
    relatedUnitCode: z.string().trim().max(40).nullable().optional(),
    reason: z.string().trim().min(1, '请填写回避事由').max(300, '回避事由最多 300 个字'),
    declaredOn: isoDate,
    validUntil: isoDate.nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'own_grid') {
      if (!v.uscc) {
        ctx.addIssue({
          code: 'custom',
          path: ['uscc'],
          message: `「${recusalKindLabel[v.kind]}」回避须填写关联市场主体的统一社会信用代码`,
        });
      } else {
        const check = validateUscc(v.uscc);
        if (!check.ok) ctx.addIssue({ code: 'custom', path: ['uscc'], message: check.message });
      }
    } else if (!v.relatedRegionCode && !v.relatedUnitCode) {
      ctx.addIssue({ code: 'custom', path: ['relatedRegionCode'], message: '「本人网格/辖区」回避须填写区划代码或所属单位' });
    }
    if (v.validUntil && v.validUntil < v.declaredOn) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: `有效期至（${v.validUntil}）不能早于声明日期（${v.declaredOn}）` });
    }
  });
export type RecusalInput = z.infer<typeof recusalInput>;

export const recusalEnd = z.object({
  endedOn: isoDate,
  endReason: z.string().trim().min(1, '请填写结束原因，例如 亲属已不再经营该企业').max(300),
});

/** A 回避声明 as read (without who recorded it by id, and when). */
export type RecusalRow = Omit<Selectable<InspectorRecusalTable>, 'recorded_by_user_id' | 'created_at'>;

/** In force on `today`: declared, not ended, not past its valid-until date. */
export function recusalActive(row: Pick<RecusalRow, 'declared_on' | 'valid_until' | 'ended_on'>, today: string): boolean {
  if (row.declared_on > today) return false;
  if (row.ended_on && row.ended_on <= today) return false;
  if (row.valid_until && row.valid_until < today) return false;
  return true;
}

export function presentRecusal(row: RecusalRow, today: string, entityName?: string | null) {
  return {
    id: row.id,
    inspectorId: row.inspector_id,
    kind: row.kind,
    kindLabel: recusalKindLabel[row.kind],
    uscc: row.uscc,
    relatedName: row.related_name ?? entityName ?? null,
    relatedRegionCode: row.related_region_code?.trim() ?? null,
    relatedUnitCode: row.related_unit_code,
    reason: row.reason,
    declaredOn: row.declared_on,
    validUntil: row.valid_until,
    recordedBy: row.recorded_by_name,
    endedOn: row.ended_on,
    endReason: row.end_reason,
    endedBy: row.ended_by_name,
    active: recusalActive(row, today),
  };
}
