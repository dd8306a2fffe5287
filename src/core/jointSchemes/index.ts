// 检查方案 of a joint task (部门联合抽查): what each 配合部门 checks (its items), the inspection
// dates (检查起止日期) and each 配合部门's contact (联系人、电话). The 发起部门 (the unit that draws
// the task) drafts it; each 配合部门 agrees (确认) to the current version; the draw of the task is
// committed only when every 配合部门 has agreed to it. Pure rules, no database.

/** One department's part of the scheme. */
export interface JointSchemePart {
  unitCode: string;
  items: string[];
  contactName: string;
  contactPhone: string;
}

/** One department's agreement, given on one version of the scheme. */
export interface JointSchemeAgreement {
  unitCode: string;
  version: number;
  byName: string;
  at: string;
}

export interface JointSchemeDraft {
  startOn: string;
  endOn: string;
  parts: JointSchemePart[];
}

/** A department the task names, with the name a person reads. */
export interface SchemeDepartment {
  code: string;
  name: string;
}

const PHONE = /^[0-9][0-9-]{5,19}$/;

/**
 * The problems of a draft, in Chinese and by label (empty when it can be saved): the dates in
 * order and inside the task's 抽查时段 (when it has one); exactly one part per named department,
 * each with at least one item, a 联系人 and a 电话 of digits (a hyphen allowed).
 */
export function checkJointScheme(
  draft: JointSchemeDraft,
  context: { departments: readonly SchemeDepartment[]; period: { start: string; end: string } | null },
): string[] {
  const problems: string[] = [];
  if (draft.endOn < draft.startOn)
    problems.push(`检查结束日期 ${draft.endOn} 早于检查开始日期 ${draft.startOn}：请改为不早于开始日期的日期。`);
  const { period } = context;
  if (period && (draft.startOn < period.start || draft.endOn > period.end)) {
    problems.push(`检查起止日期须在任务的抽查时段 ${period.start} 至 ${period.end} 之内。`);
  }
  const named = new Map(context.departments.map((d) => [d.code, d.name]));
  const seen = new Set<string>();
  for (const part of draft.parts) {
    const name = named.get(part.unitCode);
    if (name === undefined) {
      problems.push(`方案中有不属于本任务配合部门的单位（${part.unitCode}）：只能为本任务的配合部门填写分工。`);
      continue;
    }
    if (seen.has(part.unitCode)) problems.push(`${name}的分工填写了两次：每个部门只填一份。`);
    seen.add(part.unitCode);
    const items = part.items.map((i) => i.trim()).filter((i) => i !== '');
    if (items.length === 0) problems.push(`${name}的检查事项为空：请至少填写一项。`);
    if (part.contactName.trim() === '') problems.push(`${name}的联系人为空：请填写联系人姓名。`);
    if (!PHONE.test(part.contactPhone.trim()))
      problems.push(`${name}的联系电话“${part.contactPhone}”格式不对：请填写 6 至 20 位数字（可含“-”）。`);
  }
  for (const d of context.departments) {
    if (!seen.has(d.code)) problems.push(`缺少${d.name}的分工：请填写其检查事项、联系人和电话。`);
  }
  return problems;
}

/** The named departments that have not agreed to this version of the scheme, in the task's order. */
export function departmentsNotAgreed(
  departments: readonly SchemeDepartment[],
  agreements: readonly JointSchemeAgreement[],
  version: number,
): SchemeDepartment[] {
  const agreed = new Set(agreements.filter((a) => a.version === version).map((a) => a.unitCode));
  return departments.filter((d) => !agreed.has(d.code));
}

/**
 * Why a joint task's draw may not be committed yet (null when it may): no scheme, or departments
 * that have not agreed to its current version, named.
 */
export function schemeCommitRefusal(
  departments: readonly SchemeDepartment[],
  scheme: { version: number; agreements: readonly JointSchemeAgreement[] } | null,
): string | null {
  if (departments.length === 0) return null;
  if (!scheme)
    return '这是部门联合任务，尚未制定检查方案：请先制定检查方案（各部门检查事项、检查起止日期、联系人和电话），经各配合部门确认后再抽取。';
  const pending = departmentsNotAgreed(departments, scheme.agreements, scheme.version);
  if (pending.length === 0) return null;
  return `检查方案尚未经以下部门确认：${pending.map((d) => d.name).join('、')}。请待其确认当前方案后再抽取。`;
}

/**
 * What one 配合部门 checks on each visit of the task: its part's items in the scheme's current
 * version, once it has agreed to that version; null when it has no such part (the task's own
 * 抽查事项 apply then).
 */
export function agreedItemsOf(
  scheme: { version: number; parts: readonly JointSchemePart[]; agreements: readonly JointSchemeAgreement[] } | null,
  unitCode: string,
): string[] | null {
  if (!scheme) return null;
  const agreed = scheme.agreements.some((a) => a.unitCode === unitCode && a.version === scheme.version);
  const part = scheme.parts.find((p) => p.unitCode === unitCode);
  return agreed && part && part.items.length > 0 ? [...part.items] : null;
}
