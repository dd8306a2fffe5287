// A plan version as .xlsx in the seeds' own layout (ready to attach to a 通知): the columns the
// tasks use, in the seeds' order, cells as written, plus 任务编号. Re-importing the file gives
// the same tasks (planExport.db.test.ts).
import { planFieldLabel, type PlanField } from '../../core/plan/index.ts';
import ExcelJS from '../files/exceljs.ts';
import { neutraliseFormula } from '../files/csv.ts';
import type { TaskView, VersionView } from './planViews.ts';

const FIELD_ORDER: PlanField[] = [
  'region',
  'seq',
  'name',
  'taskType',
  'items',
  'population',
  'quota',
  'frequency',
  'riskPolicy',
  'period',
  'deadline',
  'initiator',
  'initiatingDepartment',
  'cooperatingDepartments',
  'mode',
];

const WIDTH: Partial<Record<PlanField, number>> = {
  seq: 6,
  region: 8,
  name: 30,
  items: 40,
  population: 24,
  quota: 16,
  riskPolicy: 36,
  period: 14,
  deadline: 12,
  mode: 30,
};

export async function planWorkbook(
  plan: { unitName: string; year: number },
  version: VersionView,
  tasks: readonly TaskView[],
): Promise<Buffer> {
  const used = FIELD_ORDER.filter(
    (field) => field === 'seq' || field === 'name' || tasks.some((t) => (t.cells[field] ?? '').trim() !== ''),
  );
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '双随机、一公开监管平台';
  workbook.created = new Date(0);
  const sheet = workbook.addWorksheet(`${plan.year}年度抽查计划`.slice(0, 31));
  const columnCount = used.length + 1;
  sheet.mergeCells(1, 1, 1, columnCount);
  const title = sheet.getCell(1, 1);
  title.value = version.title;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  sheet.mergeCells(2, 1, 2, columnCount);
  sheet.getCell(2, 1).value = [
    plan.unitName,
    version.docNumber,
    `第${version.versionNo}版`,
    version.deadline ? `完成时限：${version.deadline}` : '',
  ]
    .filter((s) => s !== '')
    .join('　');
  sheet.getCell(2, 1).alignment = { horizontal: 'center' };
  const header = sheet.getRow(3);
  used.forEach((field, i) => (header.getCell(i + 1).value = planFieldLabel[field]));
  header.getCell(used.length + 1).value = '任务编号';
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  used.forEach((field, i) => (sheet.getColumn(i + 1).width = WIDTH[field] ?? 14));
  sheet.getColumn(used.length + 1).width = 18;
  for (const task of tasks) {
    const row = sheet.addRow([
      ...used.map((field) => (field === 'seq' && task.seq !== null ? task.seq : neutraliseFormula(task.cells[field] ?? ''))),
      task.code,
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
  }
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  sheet.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
