// 其他检查对象（产品/项目/行为）: the fields an object is kept with and their validation, one
// function for the console form, the API and the file import, so a value refused in
// one place is refused everywhere with the same message. Pure: existence checks (区划, 行业,
// 管辖单位, whether the related entity is in the directory) are the server's.
import { codesOf, objectKindLabel, type ObjectKind } from '../glossary.ts';
import { validateUscc } from '../uscc/index.ts';
import { normalizeObjectCode, objectCodeProblem, parseSystemObjectCode, systemCodePrefix } from './objectCode.ts';

export const objectKinds = codesOf(objectKindLabel);

export const objectStatusLabel = { active: '有效', inactive: '停用' } as const;
export type ObjectStatus = keyof typeof objectStatusLabel;

export const OBJECT_NAME_MAX = 100;
export const OBJECT_DESCRIPTION_MAX = 500;
export const OBJECT_TAGS_MAX = 20;
export const OBJECT_TAG_LENGTH_MAX = 30;

/** What a person typed or a file cell held; empty strings mean "not given". */
export interface ObjectFieldsInput {
  kind: string;
  code: string;
  name: string;
  description: string;
  uscc: string;
  regionCode: string;
  industryCode: string;
  tags: readonly string[];
}

/** Checked values. code null: none given, the server assigns a system code. */
export interface ObjectFields {
  kind: ObjectKind;
  code: string | null;
  name: string;
  description: string;
  uscc: string | null;
  regionCode: string | null;
  industryCode: string | null;
  tags: string[];
}

export type ObjectField = keyof ObjectFieldsInput;

export interface ObjectFieldError {
  field: ObjectField;
  value: string;
  message: string;
}

export type ObjectFieldsCheck = { ok: true; value: ObjectFields } | { ok: false; errors: ObjectFieldError[] };

/** Field names as the console and the import file show them. */
export const objectFieldLabel: Record<ObjectField, string> = {
  kind: '对象类别',
  code: '对象编码',
  name: '名称',
  description: '描述',
  uscc: '关联主体统一社会信用代码',
  regionCode: '所属区划',
  industryCode: '行业代码',
  tags: '标签',
};

/** 'product' or '产品' (what an import file says) → the kind, else null. */
export function objectKindOf(text: string): ObjectKind | null {
  const t = text.trim();
  if ((objectKinds as string[]).includes(t)) return t as ObjectKind;
  const byLabel = objectKinds.find((k) => objectKindLabel[k] === t);
  return byLabel ?? null;
}

/** Tags in one cell: separated by 、，,；; or whitespace; duplicates dropped, order kept. */
export function splitObjectTags(cell: string): string[] {
  return normalizeTags(cell.split(/[、，,；;\s]+/u));
}

function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
}

const kindList = objectKinds.map((k) => objectKindLabel[k]).join('、');

/** Checks every field and reports every problem at once (a row or a form is fixed in one go). */
export function checkObjectFields(input: ObjectFieldsInput): ObjectFieldsCheck {
  const errors: ObjectFieldError[] = [];
  const fail = (field: ObjectField, value: string, message: string) => errors.push({ field, value, message });

  const kind = objectKindOf(input.kind);
  if (!input.kind.trim()) fail('kind', input.kind, `请填写对象类别（${kindList}）`);
  else if (!kind) fail('kind', input.kind, `对象类别应为 ${kindList} 之一`);

  const codeText = normalizeObjectCode(input.code);
  const code = codeText === '' ? null : codeText;
  if (code !== null) {
    const problem = objectCodeProblem(code);
    if (problem) fail('code', input.code, problem);
    const system = parseSystemObjectCode(code);
    if (!problem && system && kind && system.kind !== kind)
      fail(
        'code',
        input.code,
        `编码前缀 ${systemCodePrefix[system.kind]} 表示${objectKindLabel[system.kind]}，与对象类别「${objectKindLabel[kind]}」不符；请改正类别或编码（${objectKindLabel[kind]}的系统编码以 ${systemCodePrefix[kind]}- 开头）`,
      );
  }

  const name = input.name.trim();
  if (!name) fail('name', input.name, '名称为空，请填写产品、项目或行为的名称');
  else if ([...name].length > OBJECT_NAME_MAX) fail('name', input.name, `名称最多 ${OBJECT_NAME_MAX} 个字，实为 ${[...name].length} 个字`);

  const description = input.description.trim();
  if ([...description].length > OBJECT_DESCRIPTION_MAX) fail('description', '', `描述最多 ${OBJECT_DESCRIPTION_MAX} 个字，请精简`);

  const usccText = input.uscc.trim();
  if (usccText) {
    const result = validateUscc(usccText);
    if (!result.ok) fail('uscc', input.uscc, `关联主体统一社会信用代码有误：${result.message}`);
  }

  const regionCode = input.regionCode.trim();
  if (regionCode && !/^\d{6}$/.test(regionCode)) fail('regionCode', input.regionCode, '所属区划应为 6 位行政区划代码，例如 140581');

  const industryCode = input.industryCode.trim().toUpperCase();
  if (industryCode && !/^([A-T]|\d{2,4})$/.test(industryCode))
    fail('industryCode', input.industryCode, '行业代码应为 GB/T 4754-2017 的门类字母或 2–4 位数字代码，例如 C 或 3821');

  const tags = normalizeTags(input.tags);
  if (tags.length > OBJECT_TAGS_MAX) fail('tags', tags.join('、'), `最多 ${OBJECT_TAGS_MAX} 个标签，实有 ${tags.length} 个`);
  const longTag = tags.find((t) => [...t].length > OBJECT_TAG_LENGTH_MAX);
  if (longTag) fail('tags', longTag, `每个标签最多 ${OBJECT_TAG_LENGTH_MAX} 个字`);

  if (errors.length > 0 || !kind) return { ok: false, errors };
  return {
    ok: true,
    value: {
      kind,
      code,
      name,
      description,
      uscc: usccText || null,
      regionCode: regionCode || null,
      industryCode: industryCode || null,
      tags,
    },
  };
}
