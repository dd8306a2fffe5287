// The 计划名称 column of the console's and the portal's plan lists: the title as a link to the
// plan, its 文号 (when it has one) below in grey.
import type { TableColumnType } from 'antd';
import { Link } from 'react-router';
import { twoLineColumn } from '../../components/ListControls.tsx';

export function planTitleColumn<T extends { id: string; title: string; docNumber: string | null }>(
  pathOf: (plan: T) => string,
  testIdOf: (plan: T) => string,
): TableColumnType<T> {
  return twoLineColumn<T>(
    '计划名称',
    'title',
    undefined,
    (p) => (
      <Link to={pathOf(p)} data-testid={testIdOf(p)}>
        {p.title}
      </Link>
    ),
    (p) => p.docNumber,
  );
}
