// 执法检查人员 import (.xlsx/.csv, checked first with dryRun, then applied all-or-nothing) and export (.xlsx).
import { RowImportExport } from '../RowImportExport.tsx';

export function ImportExportButtons({ mayWrite, onImported }: { mayWrite: boolean; onImported: () => void }) {
  return (
    <RowImportExport
      endpoint="POST /api/inspectors/import"
      exportHref="/api/inspectors/export"
      testId="inspector"
      title="导入执法检查人员"
      texts={{
        checked: (r) => `检查通过：共 ${r.total} 行，将新增 ${r.created} 人、更新 ${r.updated} 人，${r.unchanged} 人无变化。`,
        done: (r) => `导入完成：新增 ${r.created} 人，更新 ${r.updated} 人，${r.unchanged} 人无变化。`,
        toast: (r) => `导入完成：新增 ${r.created} 人，更新 ${r.updated} 人`,
      }}
      mayWrite={mayWrite}
      onImported={onImported}
    />
  );
}
