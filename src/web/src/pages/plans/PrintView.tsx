// 打印: the plan table in the seeds' own layout (cells as written, plus 任务编号), ready to
// attach to a 通知. Hidden on screen; when printing, only this block is shown.
import { planFieldLabel } from '../../../../core/plan/columns.ts';
import type { PlanField, PlanSummary, TaskView, VersionView } from './planTypes.ts';

const printCss = `
.plan-print { display: none; }
@media print {
  body * { visibility: hidden; }
  .plan-print, .plan-print * { visibility: visible; }
  .plan-print { display: block; position: absolute; left: 0; top: 0; width: 100%; font-size: 10.5pt; color: #000; }
  .plan-print table { border-collapse: collapse; width: 100%; }
  .plan-print th, .plan-print td { border: 1px solid #000; padding: 3px 4px; vertical-align: top; white-space: pre-wrap; }
  .plan-print th { background: #f0f0f0; }
  .plan-print h1 { font-size: 16pt; text-align: center; margin: 0 0 4pt; }
  .plan-print .meta { text-align: center; margin-bottom: 8pt; }
  @page { size: A4 landscape; margin: 12mm; }
}`;

export function PrintView({ plan, version, tasks }: { plan: PlanSummary; version: VersionView; tasks: TaskView[] }) {
  const fields = (Object.keys(planFieldLabel) as PlanField[]).filter(
    (f) => f !== 'taskCode' && tasks.some((t) => (t.cells[f] ?? '').trim() !== ''),
  );
  return (
    <div className="plan-print" data-testid="plan-print">
      <style>{printCss}</style>
      <h1>{version.title}</h1>
      <div className="meta">
        {version.docNumber}
        {version.docNumber ? '　' : ''}
        {plan.unitName}　第{version.versionNo}版{version.deadline ? `　完成时限：${version.deadline}` : ''}
      </div>
      <table>
        <thead>
          <tr>
            {fields.map((f) => (
              <th key={f}>{planFieldLabel[f]}</th>
            ))}
            <th>任务编号</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((t) => (
            <tr key={t.code}>
              {fields.map((f) => (
                <td key={f}>{t.cells[f] ?? ''}</td>
              ))}
              <td>{t.code}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
