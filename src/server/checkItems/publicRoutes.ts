// 抽查事项清单 on the public portal, HTTP only: the items of the issued (current) lists — 事项类别,
// 事项名称, 抽查内容, 检查依据, 检查对象, 检查方式, 检查主体, 重点/一般 and the 抽查指引. Drafts
// never appear (checkItemViews.ts).
import { z } from 'zod';
import { optionalText } from '../http/fields.ts';
import { publicRoute, routeGroup } from '../http/route.ts';
import { day } from '../http/wire.ts';
import { publicCheckItemList } from './checkItemViews.ts';
import { checkItemFields } from './routes.ts';

const route = routeGroup('公开');

export const publicCheckItems = route(publicRoute, 'GET /api/public/check-items', {
  summary: '抽查事项清单：各级已发布的随机抽查事项清单（每个发布单位的最新版本），可按关键词筛选',
  query: z.object({ q: optionalText('关键词', 60) }),
  response: z.object({
    versions: z.array(z.object({ id: z.string(), unitName: z.string(), title: z.string(), versionNo: z.number(), issuedOn: day.nullable() })),
    items: z.array(checkItemFields.omit({ staffRequirements: true }).extend({ versionId: z.string() })),
  }),
  handler: ({ app, query }) => publicCheckItemList(app.database.db, query),
});

export const publicCheckItemRoutes = [publicCheckItems] as const;
