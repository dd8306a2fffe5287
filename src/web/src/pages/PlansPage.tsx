// 年度抽查计划: the plans of a year and, for units with subordinate bureaus
// (city, province), the 备案情况 board. The year and the tab live in the URL.
import { useSearchParams } from 'react-router';
import { TabsCard } from '../components/TabsCard.tsx';
import { useSession } from '../session.tsx';
import { useEndpoint } from '../useApiData.ts';
import { FilingBoard } from './plans/FilingBoard.tsx';
import { PlanList } from './plans/PlanList.tsx';
import { useDefaultYear } from '../useDefaultYear.ts';

export default function PlansPage() {
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const unit = useEndpoint('GET /api/orgs/:code', { params: { code: me.active.unitCode } });
  const hasSubordinates = unit.data?.kind === 'province' || unit.data?.kind === 'city';
  const parsedYear = Number(params.get('year'));
  const defaultYear = useDefaultYear();
  const year = Number.isInteger(parsedYear) && parsedYear >= 2000 && parsedYear <= 2100 ? parsedYear : defaultYear;
  const tab = params.get('tab') === 'filing' && hasSubordinates ? 'filing' : 'list';
  const setYear = (y: number) => setParams({ tab, year: String(y) }, { replace: true });
  const setTab = (t: string) => setParams({ tab: t, year: String(year) }, { replace: true });

  return (
    <TabsCard
      title="年度抽查计划"
      testId="page-plans"
      activeKey={tab}
      onChange={setTab}
      items={[
        { key: 'list', label: '计划', children: <PlanList year={year} onYearChange={setYear} /> },
        ...(hasSubordinates ? [{ key: 'filing', label: '备案情况', children: <FilingBoard year={year} onYearChange={setYear} /> }] : []),
      ]}
    />
  );
}
