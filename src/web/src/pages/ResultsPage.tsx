// /console/results: 我的任务 for inspectors (phone-friendly cards), 待审核 and 全部结果
// with the review steps for the office, the 停止公示申请 businesses made on the portal, 期限 in working days, and the exchange export.
import { Card, Flex, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { canWrite } from '../../../core/access/policy.ts';
import { useSession } from '../session.tsx';
import { YearSelect } from '../components/YearSelect.tsx';
import { DeadlinesTab } from './results/DeadlinesTab.tsx';
import { ExportTab } from './results/ExportTab.tsx';
import { MyVisitsTab } from './results/MyVisitsTab.tsx';
import { PublicationRequestsTab } from './results/PublicationRequestsTab.tsx';
import { ResultsTab } from './results/ResultsTab.tsx';
import { useDefaultYear } from '../useDefaultYear.ts';

type TabKey = 'mine' | 'review' | 'all' | 'requests' | 'deadlines' | 'export';

export default function ResultsPage() {
  const { role } = useSession();
  const [params, setParams] = useSearchParams();
  const isInspector = role === 'inspector';
  const mayReview = role !== null && role !== 'inspector' && canWrite(role, 'results');
  const visible: TabKey[] = isInspector ? ['mine', 'all', 'deadlines'] : ['review', 'all', 'requests', 'deadlines', 'export'];
  const raw = params.get('tab');
  const tab = visible.find((k) => k === raw) ?? visible[0]!;
  const parsedYear = Number(params.get('year'));
  const defaultYear = useDefaultYear();
  const year = Number.isInteger(parsedYear) && parsedYear >= 2000 && parsedYear <= 2100 ? parsedYear : defaultYear;
  const update = (key: 'tab' | 'year', value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  };

  const labels: Record<TabKey, string> = {
    mine: '我的任务',
    review: '待审核',
    all: '全部结果',
    requests: '停止公示申请',
    deadlines: '期限',
    export: '导出',
  };
  const body = (key: TabKey) => {
    switch (key) {
      case 'mine':
        return <MyVisitsTab />;
      case 'review':
        return <ResultsTab year={year} fixedStatus="pendingReview" mayReview={mayReview} />;
      case 'all':
        return <ResultsTab year={year} mayReview={mayReview} />;
      case 'requests':
        return <PublicationRequestsTab mayDecide={mayReview} />;
      case 'deadlines':
        return <DeadlinesTab year={year} mayList={mayReview} />;
      case 'export':
        return <ExportTab year={year} />;
    }
  };

  return (
    <Card
      title="检查结果"
      data-testid="page-results"
      styles={{ body: { padding: isInspector ? 12 : undefined } }}
      extra={
        tab === 'mine' ? undefined : (
          <YearSelect value={year} onChange={(y) => update('year', String(y))} testId="results-year" width={120} />
        )
      }
    >
      <Flex vertical>
        <Tabs
          activeKey={tab}
          onChange={(k) => update('tab', k)}
          destroyOnHidden
          items={visible.map((key) => ({ key, label: <span data-testid={`results-tab-${key}`}>{labels[key]}</span>, children: body(key) }))}
        />
      </Flex>
    </Card>
  );
}
