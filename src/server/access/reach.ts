// The one answer for a row outside the caller's reach (ARCHITECTURE.md, "Access"): NOT_FOUND,
// the same whether the row exists or not, naming neither the row's owner nor any person — so a
// sibling unit cannot learn from an id what was drawn, by whom, or who inspects it.
import { AppError } from '../http/errors.ts';

/** `what` is the kind of record ("检查结果", "抽取记录"), never anything read from the row. */
export function outOfReach(what: string): AppError {
  return new AppError('NOT_FOUND', `${what}不存在，或不在您当前所在单位的管辖范围内。请从列表中重新选择。`, null);
}
