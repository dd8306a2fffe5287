// 名录分库：按标签/区划/类型/状态定义的规则与实时户数；事项与分库的对应。
import type { AnyRoute } from '../http/route.ts';

export const subLibraryRoutes: AnyRoute[] = [];
