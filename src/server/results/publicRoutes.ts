// 抽查结果公告 on the portal: HTTP only. Published, not stopped results only — 企业名称,
// 统一社会信用代码 (or a 其他检查对象's name, kind and own code), 检查机关, 任务编号, 检查日期, 检查结果; never risk classes, inspectors, findings or
// attachments. A 部门联合抽查 visit is one inspection with each department's part (its own 检查机关
// and 检查结果), shown together and recognised by every department (互认). Answers are cached under the published-results version, with ETags (publicPortal.ts).
import { z } from 'zod';
import { AppError } from '../http/errors.ts';
import { publicRoute, routeGroup } from '../http/route.ts';
import { day } from '../http/wire.ts';
import { objectKindText, type ObjectKind } from '../../core/glossary.ts';
import { objectKinds as kinds } from '../../core/directoryObjects/objectFields.ts';
import {
  answerPublic,
  jointDrawIds,
  jointInspectionsOf,
  portalQuestion,
  publishedResultsOf,
  refuseInvalidCode,
  searchPublishedResults,
  type PublicResultRow,
} from './publicPortal.ts';

const route = routeGroup('公开');
const objectKinds = kinds as [ObjectKind, ...ObjectKind[]];

const publicResult = z.object({
  id: z.string(),
  entityName: z.string(),
  /** The 统一社会信用代码, or the object's own code when objectKind is not null. */
  uscc: z.string(),
  /** null for a market entity, else the kind of the 其他检查对象 (its label in objectKindLabel). */
  objectKind: z.enum(objectKinds).nullable(),
  objectKindLabel: z.string(),
  authority: z.string(),
  taskCode: z.string(),
  checkedOn: day.nullable(),
  result: z.string().nullable(),
  publishedOn: day.nullable(),
  /** Part of a 部门联合抽查 (one inspection, each department publishing its own part). */
  joint: z.boolean(),
});

const toView = (r: PublicResultRow, joint: ReadonlySet<string>): z.input<typeof publicResult> => ({
  id: r.id,
  entityName: r.entity_name,
  uscc: r.uscc,
  objectKind: r.object_kind,
  objectKindLabel: objectKindText(r.object_kind),
  authority: r.authority,
  taskCode: r.task_code,
  checkedOn: r.checked_on,
  result: r.public_text,
  publishedOn: r.published_on,
  joint: joint.has(r.draw_id),
});

const searchAnswer = z.object({ items: z.array(publicResult), page: z.number() });
const entityAnswer = z.object({
  uscc: z.string(),
  entityName: z.string(),
  objectKind: z.enum(objectKinds).nullable(),
  objectKindLabel: z.string(),
  results: z.array(publicResult),
  /** Each 部门联合抽查 of the business: the departments' published parts of one inspection. */
  jointInspections: z.array(z.object({ taskCode: z.string(), parts: z.array(publicResult) })),
});

export const searchPublicResultsRoute = route(publicRoute, 'GET /api/public/results', {
  summary: '抽查结果公告：按企业（检查对象）名称、统一社会信用代码或对象编码查询已公示的检查结果',
  query: z.object({
    q: z.string().trim().max(60, '关键词最多 60 个字').optional().describe('名称、统一社会信用代码或对象编码'),
    page: z.coerce.number().int().min(1).max(1000).default(1).describe('页码'),
  }),
  response: searchAnswer,
  handler: ({ app, c, query }) =>
    answerPublic(c, app, `search\u0000${portalQuestion(query.q)?.term ?? ''}\u0000${query.page}`, async () => {
      const rows = await searchPublishedResults(app.database.db, query.q || undefined, query.page);
      refuseInvalidCode(query.q, rows.length);
      const joint = await jointDrawIds(
        app.database.db,
        rows.map((r) => r.draw_id),
      );
      return searchAnswer.parse({ items: rows.map((r) => toView(r, joint)), page: query.page });
    }),
});

export const publicEntity = route(publicRoute, 'GET /api/public/entities/:uscc', {
  summary: '企业（或产品、项目、行为、标准等其他检查对象）的已公示抽查检查结果',
  params: z.object({
    uscc: z
      .string()
      .trim()
      .min(1, '请填写统一社会信用代码或对象编码')
      .max(40, '统一社会信用代码为 18 位，对象编码最多 40 位')
      .describe('统一社会信用代码或对象编码'),
  }),
  query: z.object({
    kind: z
      .enum(objectKinds, { message: `对象类别只能是：${objectKinds.map((k) => objectKindText(k)).join('、')}` })
      .optional()
      .describe('对象类别'),
  }),
  response: entityAnswer,
  handler: ({ app, c, params, query }) =>
    answerPublic(c, app, `entity\u0000${query.kind ?? ''}\u0000${params.uscc}`, async () => {
      const kind = query.kind ?? null;
      if (kind === null && (params.uscc.length < 15 || params.uscc.length > 20)) {
        throw new AppError('VALIDATION_FAILED', `统一社会信用代码为 18 位，${params.uscc} 不是统一社会信用代码，请核对后重新查询。`);
      }
      const rows = await publishedResultsOf(app.database.db, params.uscc, kind);
      if (kind === null) refuseInvalidCode(params.uscc, rows.length);
      if (rows.length === 0) {
        throw new AppError(
          'NOT_FOUND',
          kind === null
            ? `没有统一社会信用代码为 ${params.uscc} 的已公示抽查结果。`
            : `没有对象编码为 ${params.uscc} 的${objectKindText(kind)}的已公示抽查结果。`,
        );
      }
      const { joint, inspections } = await jointInspectionsOf(app.database.db, rows);
      return entityAnswer.parse({
        uscc: params.uscc,
        entityName: rows[0]!.entity_name,
        objectKind: kind,
        objectKindLabel: objectKindText(kind),
        results: rows.map((r) => toView(r, joint)),
        jointInspections: inspections.map((parts) => ({ taskCode: parts[0]!.task_code, parts: parts.map((r) => toView(r, joint)) })),
      });
    }),
});

export const publicResultRoutes = [searchPublicResultsRoute, publicEntity] as const;
