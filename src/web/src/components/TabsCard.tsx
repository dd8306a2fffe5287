// A console page made of tabs inside one card (系统管理, 一单两库, 年度抽查计划): the card's title,
// the tabs, and only the active tab mounted (a tab reloads its data when it is opened again).
import { Card, Tabs, type TabsProps } from 'antd';
import { useTabParam } from '../useTabParam.ts';

type TabItems = NonNullable<TabsProps['items']>;

export function TabsCard({
  title,
  testId,
  activeKey,
  onChange,
  items,
}: {
  title: string;
  testId: string;
  activeKey: string;
  onChange: (key: string) => void;
  items: TabItems;
}) {
  return (
    <Card title={title} data-testid={testId}>
      <Tabs activeKey={activeKey} onChange={onChange} destroyOnHidden items={items} />
    </Card>
  );
}

/** Tabs whose active one lives in ?tab=… (the first tab when none or an unknown one is named). */
export function UrlTabsCard({ title, testId, items }: { title: string; testId: string; items: TabItems }) {
  const keys = items.map((i) => i.key);
  const [tab, setTab] = useTabParam(keys, keys[0] ?? '');
  return <TabsCard title={title} testId={testId} activeKey={tab} onChange={setTab} items={items} />;
}
