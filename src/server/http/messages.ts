// What a person reads when a request is refused by its schema: plain Chinese naming the field by
// its label (the schema's .describe()), never a field path, a type name or English.
//
// Two parts: a zod error map that words every issue without type names (schemas that give their
// own message keep it), and `describeIssues`, which finds each issue's field label by walking
// the schema along the issue's path.
import { z } from 'zod';
import { defOf, wrappedSchema, type AnySchema } from './schemaWalk.ts';

type Issue = z.core.$ZodRawIssue;

function sizeUnit(origin: unknown): string {
  if (origin === 'string') return '个字';
  if (origin === 'array' || origin === 'set') return '项';
  if (origin === 'file') return '字节';
  return '';
}

function quoteValues(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : String(v))).join('、');
}

/** The product's words for zod's issues (set once with z.config in the HTTP pipeline). */
export function plainChineseError(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '必须填写';
      if (issue.input === null) return '不能为空';
      if (issue.expected === 'number' || issue.expected === 'int' || issue.expected === 'bigint') return '应为数字';
      if (issue.expected === 'boolean') return '应选择是或否';
      if (issue.expected === 'array') return '应为一组值';
      if (issue.expected === 'object') return '格式不正确';
      if (issue.expected === 'date') return '应为日期';
      return '格式不正确';
    case 'too_small': {
      const unit = sizeUnit(issue.origin);
      if (unit === '项' && Number(issue.minimum) === 1) return '至少要有 1 项';
      if (unit === '个字' && Number(issue.minimum) === 1) return '必须填写';
      if (unit) return `至少 ${issue.minimum} ${unit}`;
      return issue.inclusive ? `不能小于 ${issue.minimum}` : `应大于 ${issue.minimum}`;
    }
    case 'too_big': {
      const unit = sizeUnit(issue.origin);
      if (unit) return `最多 ${issue.maximum} ${unit}`;
      return issue.inclusive ? `不能大于 ${issue.maximum}` : `应小于 ${issue.maximum}`;
    }
    case 'invalid_format':
      // An empty field is missing, not badly formatted.
      if (issue.input === '') return '必须填写';
      if (issue.format === 'date') return '日期格式应为 年-月-日，如 2025-12-15';
      if (issue.format === 'datetime') return '时间格式不正确';
      if (issue.format === 'uuid' || issue.format === 'guid') return '编号格式不正确，请从列表中选择后重试';
      if (issue.format === 'email') return '电子邮箱格式不正确';
      if (issue.format === 'url') return '网址格式不正确';
      if (issue.format === 'regex') return '格式不正确';
      return '格式不正确';
    case 'not_multiple_of':
      return `应为 ${issue.divisor} 的整数倍`;
    case 'invalid_value':
      // The values a program sends for a choice (own, enterprise, true…) are not what a person picked.
      if (issue.values.length === 2 && issue.values.every((v) => v === true || v === false || v === 'true' || v === 'false'))
        return '只能是 是 或 否';
      if (issue.values.some((v) => typeof v === 'string' && /[A-Za-z]{3,}/.test(v))) return '不是可选的值，请从列表中选择后重试';
      return issue.values.length === 1 ? `只能是 ${quoteValues(issue.values)}` : `只能是以下之一：${quoteValues(issue.values)}`;
    case 'unrecognized_keys':
      return '含有本接口不接受的内容，请刷新页面后重试';
    case 'invalid_union':
      return '内容不符合任何一种可选格式';
    case 'invalid_key':
    case 'invalid_element':
      return '含有格式不正确的内容';
    default:
      return '内容不正确';
  }
}

// ------------------------------------------------------------------ labels along a path


function labelOf(schema: AnySchema): string | undefined {
  return z.globalRegistry.get(schema as z.ZodType)?.description;
}

/** The schema under a wrapper (optional, default, pipe …), or the schema itself. */
function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const inner = wrappedSchema(current);
    if (!inner) return current;
    current = inner;
  }
  return current;
}

function childOf(schema: AnySchema, key: PropertyKey): AnySchema | undefined {
  const inner = unwrap(schema);
  const def = defOf(inner);
  switch (def.type) {
    case 'object':
      return (def.shape as Record<string, AnySchema>)[key as string];
    case 'array':
      return def.element as AnySchema;
    case 'record':
      return def.valueType as AnySchema;
    case 'tuple':
      return (def.items as AnySchema[])[key as number];
    case 'union':
      for (const option of def.options as AnySchema[]) {
        const child = childOf(option, key);
        if (child) return child;
      }
      return undefined;
    default:
      return undefined;
  }
}

function firstLabel(schema: AnySchema): string | undefined {
  let current: AnySchema | undefined = schema;
  for (let i = 0; current && i < 20; i++) {
    const label = labelOf(current);
    if (label !== undefined) return label;
    current = wrappedSchema(current);
  }
  return undefined;
}

/** "检查事项第 2 项中的检查结果" for the path ['items', 1, 'result', 'categories'], from the schema's labels. */
export function fieldLabel(schema: AnySchema, path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  let current: AnySchema | undefined = schema;
  for (const key of path) {
    if (!current) break;
    current = childOf(current, key);
    if (!current) break;
    if (typeof key === 'number') {
      const last = parts.length - 1;
      if (last >= 0) parts[last] = `${parts[last]}第 ${key + 1} 项`;
      else parts.push(`第 ${key + 1} 项`);
      continue;
    }
    const label = firstLabel(current);
    if (label !== undefined) parts.push(label);
  }
  return parts.join('中的');
}

export interface FieldProblem {
  /** Where in the request, for programs and forms ("items.0.result.categories"); never shown. */
  path: string;
  /** The field's Chinese label ('' when the field has none), shown with the message. */
  field: string;
  message: string;
}

/** Each issue with its field's label taken from the schema. */
export function describeIssues(schema: AnySchema, error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    field: fieldLabel(schema, issue.path),
    message: issue.message,
  }));
}
