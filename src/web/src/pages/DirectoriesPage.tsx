// 一单两库: 检查对象名录库, 名录分库, 执法检查人员名录库, 随机抽查事项清单.
import { Card, Tabs } from 'antd';
import { glossary } from '../../../core/glossary.ts';
import { useTabParam } from '../useTabParam.ts';
import { CheckItemsTab } from './directories/CheckItemsTab.tsx';
import { EntitiesTab } from './directories/EntitiesTab.tsx';
import { InspectorsTab } from './directories/InspectorsTab.tsx';
import { ObjectsTab } from './directories/ObjectsTab.tsx';
import { SubLibrariesTab } from './directories/SubLibrariesTab.tsx';

const tabKeys = ['entities', 'objects', 'subLibraries', 'inspectors', 'items'] as const;

export default function DirectoriesPage() {
  const [tab, setTab] = useTabParam(tabKeys, 'entities');
  return (
    <Card title="一单两库" data-testid="page-directories">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'entities', label: glossary.objectDirectory, children: <EntitiesTab /> },
          { key: 'objects', label: glossary.directoryObject, children: <ObjectsTab /> },
          { key: 'subLibraries', label: glossary.subLibrary, children: <SubLibrariesTab /> },
          { key: 'inspectors', label: glossary.inspectorDirectory, children: <InspectorsTab /> },
          { key: 'items', label: glossary.checkItemList, children: <CheckItemsTab /> },
        ]}
      />
    </Card>
  );
}
