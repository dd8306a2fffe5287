// Shapes of the 其他检查对象（产品/项目/行为/标准）API (src/server/directoryObjects/routes.ts).
import type { ApiOutput } from '../../../api.ts';

export type DirectoryObjectView = ApiOutput<'GET /api/directory-objects'>['items'][number];
