// The 年度 picker above a year's lists (plans, filing, tasks, results): next year back to 2020.
import { Select } from 'antd';
import { yearOptions } from '../pages/plans/planFormat.ts';

export function YearSelect({
  value,
  onChange,
  testId,
  width = 130,
}: {
  value: number;
  onChange: (year: number) => void;
  testId: string;
  width?: number;
}) {
  return <Select value={value} onChange={onChange} options={yearOptions()} style={{ width }} data-testid={testId} aria-label="年度" />;
}
