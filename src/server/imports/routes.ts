// 数据导入：检查对象名录库导入、风险分类推送、导入任务进度与错误报告。
import type { AnyRoute } from '../http/route.ts';

export const importRoutes: AnyRoute[] = [];
