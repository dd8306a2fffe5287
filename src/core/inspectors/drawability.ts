// Whether an inspector may be drawn (摇号抽取) on a given day — seed 001 一 / seed 003 一(一):
// only 在岗 people; an 执法人员 additionally needs a 执法证 with a recorded expiry date that
// has not passed (valid through the expiry day itself). A 专业技术人员 is drawn as technical
// support and needs no 执法证. The date is a parameter so the rule is testable and a draw can
// be replayed for the day it was made. The SQL filter in src/server/inspectors/drawableSql.ts
// implements the same rule and is tested against this function.

export type InspectorStatus = '在岗' | '调离' | '退休';

export interface DrawabilityInput {
  category: 'enforcement' | 'expert';
  certNo: string | null;
  /** 'YYYY-MM-DD' */
  certExpiresOn: string | null;
  status: InspectorStatus;
  /** 'YYYY-MM-DD', when the current status began */
  statusSince: string | null;
}

export type NotDrawableCode = 'left' | 'retired' | 'no_certificate' | 'no_expiry' | 'certificate_expired';

export type Drawability = { drawable: true; reason: null; code: null } | { drawable: false; reason: string; code: NotDrawableCode };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** today: 'YYYY-MM-DD' (the local date of the bureau). */
export function inspectorDrawability(input: DrawabilityInput, today: string): Drawability {
  if (!ISO_DATE.test(today)) throw new Error(`today must be YYYY-MM-DD, got ${today}`);
  const since = input.statusSince ? `（${input.statusSince}）` : '';
  if (input.status === '调离') return notDrawable('left', `不可抽取：已调离${since}`);
  if (input.status === '退休') return notDrawable('retired', `不可抽取：已退休${since}`);
  if (input.category === 'expert') return { drawable: true, reason: null, code: null };
  if (!input.certNo || input.certNo.trim() === '') return notDrawable('no_certificate', '不可抽取：未登记执法证号');
  if (!input.certExpiresOn) return notDrawable('no_expiry', '不可抽取：执法证有效期未登记');
  if (input.certExpiresOn < today) return notDrawable('certificate_expired', `不可抽取：执法证已过期（${input.certExpiresOn}）`);
  return { drawable: true, reason: null, code: null };
}

function notDrawable(code: NotDrawableCode, reason: string): Drawability {
  return { drawable: false, reason, code };
}
