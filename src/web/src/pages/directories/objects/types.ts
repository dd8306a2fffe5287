// Shapes of the 其他检查对象（产品/项目/行为）API (src/server/directoryObjects/routes.ts).
import type { ObjectKind } from '../../../../../core/glossary.ts';

export interface DirectoryObjectView {
  id: string;
  unitCode: string;
  unitName: string;
  kind: ObjectKind;
  kindLabel: string;
  code: string;
  name: string;
  description: string;
  uscc: string | null;
  entityName: string | null;
  regionCode: string;
  industryCode: string | null;
  tags: string[];
  status: 'active' | 'inactive';
  statusLabel: string;
  statusSince: string | null;
}
