// 随机抽查事项清单：版本、事项、认领、导入导出。
import type { AnyRoute } from '../http/route.ts';

export const checkItemRoutes: AnyRoute[] = [];
