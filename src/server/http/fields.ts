// Request fields several capabilities share, with their Chinese messages, defined once.
import { z } from 'zod';

/** A plan/task year, from a query string or a body. */
export const yearField = z.coerce
  .number({ message: '年度应为四位数字' })
  .int('年度应为四位数字')
  .min(2000, '年度应在 2000—2100 之间')
  .max(2100, '年度应在 2000—2100 之间');

/** The id of a row the person opened from a list, named by its label (计划编号, 检查结果编号 …). */
export const listedId = (label: string) => z.uuid(`${label}不正确，请从列表中重新打开`).describe(label);

/** An optional free-text field (a search keyword, a filter, a note) of at most `max` characters, named by its label. */
export const optionalText = (label: string, max: number) =>
  z.string().trim().max(max, `${label}最多 ${max} 个字`).optional().describe(label);

/** A calendar date 'YYYY-MM-DD'. */
export const dateField = z.iso.date('日期格式应为 YYYY-MM-DD，如 2025-12-15');

/** A query-string switch: true/1 or false/0, absent = false. */
export const flagField = z
  .enum(['true', 'false', '1', '0'], { message: '只能是 是 或 否' })
  .optional()
  .transform((v) => v === 'true' || v === '1');

/**
 * The same object schema with each field labelled in Chinese (the label the form shows): a
 * refusal names the field by it. For schemas shared with file imports, whose fields carry no
 * labels of their own.
 */
export function labelled<T extends z.ZodObject>(schema: T, labels: { [K in keyof T['shape']]?: string }): T {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => {
      const label = (labels as Record<string, string | undefined>)[key];
      return [key, label ? (field as z.ZodType).describe(label) : field];
    }),
  );
  return schema.safeExtend(shape) as unknown as T;
}
