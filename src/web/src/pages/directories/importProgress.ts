// The progress line and bar of a running import job. While the file is read its total is an
// estimate (约: a .csv's lines, an .xlsx's declared range); the write (写入名录库) counts the
// entities it has to write (共), where the server can report them while writing; on the embedded
// database it gives no total and the line says only that the write is under way.
import { IMPORT_WRITE_PHASE } from '../../../../core/entities/importPhases.ts';

/** The running job's progress, as the jobs API gives it. */
export interface ImportProgress {
  phase: string | null;
  progressDone: number;
  progressTotal: number | null;
}

const count = (n: number) => n.toLocaleString('zh-CN');

export function importProgressLine({ phase, progressDone, progressTotal }: ImportProgress): string {
  const writing = phase === IMPORT_WRITE_PHASE;
  if (writing && !progressTotal) return `${IMPORT_WRITE_PHASE}：正在写入…`;
  const total = progressTotal ? ` / ${writing ? '共' : '约'} ${count(progressTotal)} 行` : '';
  return `${phase ?? '排队中'}：${writing ? '已写入' : '已处理'} ${count(progressDone)} 行${total}`;
}

/** The bar's percentage, below 100 until the job has finished; none without a total. */
export function importProgressPercent({ progressDone, progressTotal }: ImportProgress): number | undefined {
  return progressTotal ? Math.min(99, Math.floor((progressDone / progressTotal) * 100)) : undefined;
}
