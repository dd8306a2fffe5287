// 其他检查对象 import (.xlsx/.csv: checked first with dryRun, then written all-or-nothing) and
// export (.xlsx, the import layout; of the chosen 类别 when one is chosen).
import { withQuery } from '../../../api.ts';
import { RowImportExport, summaryTexts, type RowImportResult } from '../RowImportExport.tsx';

const summary = (r: RowImportResult) => `共 ${r.total} 行：新增 ${r.created} 个，更新 ${r.updated} 个，${r.unchanged} 个无变化`;

export function ObjectImportExport({ mayWrite, kind, onImported }: { mayWrite: boolean; kind?: string; onImported: () => void }) {
  return (
    <RowImportExport
      endpoint="POST /api/directory-objects/import"
      exportHref={withQuery('/api/directory-objects/export', { kind })}
      testId="object"
      title="导入其他检查对象（产品/项目/行为/标准）"
      texts={summaryTexts(summary)}
      mayWrite={mayWrite}
      onImported={onImported}
    />
  );
}
