// Labels and tags shared by the result pages (codes from core/glossary).
import { Tag } from 'antd';
import { inspectionMethodLabel, resultCategoryLabel, resultStatusLabel, type ResultStatus } from '../../../../core/glossary.ts';
import type { ResultInput } from './resultApi.ts';

const statusColor: Record<ResultStatus, string> = { draft: 'default', pendingReview: 'gold', returned: 'red', published: 'green' };

export function ResultStatusTag({ status, testId }: { status: ResultStatus | null; testId?: string }) {
  if (status === null)
    return (
      <Tag data-testid={testId} data-status="none">
        未录入
      </Tag>
    );
  return (
    <Tag color={statusColor[status]} data-testid={testId} data-status={status}>
      {resultStatusLabel[status] ?? status}
    </Tag>
  );
}

export const categoryOptions = Object.entries(resultCategoryLabel).map(([value, label]) => ({ value, label }));
export const methodOptions = Object.entries(inspectionMethodLabel).map(([value, label]) => ({ value, label }));

/** The categories of an entry as text (the public text is only fixed at publication). */
export function entryText(input: ResultInput | undefined): string {
  if (!input) return '—';
  const labels = new Set<string>();
  for (const item of input.items)
    for (const c of item.result.categories) labels.add(resultCategoryLabel[c as keyof typeof resultCategoryLabel] ?? c);
  return [...labels].join('；') || '—';
}

export function windowText(w: { start: string; end: string } | null): string {
  return w ? `${w.start} 至 ${w.end}` : '—';
}
