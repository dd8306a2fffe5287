// 一单两库: 检查对象名录库, 名录分库, 执法检查人员名录库, 随机抽查事项清单.
import { glossary } from '../../../core/glossary.ts';
import { UrlTabsCard } from '../components/TabsCard.tsx';
import { CheckItemsTab } from './directories/CheckItemsTab.tsx';
import { EntitiesTab } from './directories/EntitiesTab.tsx';
import { InspectorsTab } from './directories/InspectorsTab.tsx';
import { ObjectsTab } from './directories/ObjectsTab.tsx';
import { SubLibrariesTab } from './directories/SubLibrariesTab.tsx';

export default function DirectoriesPage() {
  return (
    <UrlTabsCard
      title="一单两库"
      testId="page-directories"
      items={[
        { key: 'entities', label: glossary.objectDirectory, children: <EntitiesTab /> },
        { key: 'objects', label: glossary.directoryObject, children: <ObjectsTab /> },
        { key: 'subLibraries', label: glossary.subLibrary, children: <SubLibrariesTab /> },
        { key: 'inspectors', label: glossary.inspectorDirectory, children: <InspectorsTab /> },
        { key: 'items', label: glossary.checkItemList, children: <CheckItemsTab /> },
      ]}
    />
  );
}
