// OpenAPI 3.1 description generated from the route table (served at /api/docs).
import { z } from 'zod';
import { modules } from '../../core/access/policy.ts';
import type { AnyRoute } from './route.ts';

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): unknown {
  try {
    return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  } catch {
    return {};
  }
}

export function buildOpenApi(routes: readonly AnyRoute[]): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const openApiPath = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const match of route.path.matchAll(/:([A-Za-z0-9_]+)/g)) {
      parameters.push({ name: match[1], in: 'path', required: true, schema: { type: 'string' } });
    }
    if (route.query) {
      const schema = toJsonSchema(route.query) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, prop] of Object.entries(schema.properties ?? {})) {
        parameters.push({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: prop });
      }
    }
    const access =
      route.auth.kind === 'public'
        ? '公开（无需登录）'
        : route.auth.kind === 'session'
          ? '任一已登录用户'
          : `「${modules[route.auth.module]}」${route.auth.access === 'write' ? '写' : '读'}权限，且仅限本单位及下级单位的数据`;
    paths[openApiPath] ??= {};
    paths[openApiPath][route.method] = {
      summary: route.summary,
      tags: [route.tag],
      description: `权限：${access}`,
      parameters,
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: toJsonSchema(route.body) } } } } : {}),
      responses: {
        '200': route.response
          ? { description: '成功', content: { 'application/json': { schema: toJsonSchema(route.response, 'output') } } }
          : { description: '成功（文件）' },
        default: { description: '错误', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
      ...(route.auth.kind === 'public' ? {} : { security: [{ session: [] }] }),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: '双随机、一公开监管平台 API', version: '0.1.0', description: '所有错误均返回 {code, message, details}，message 为中文，说明问题与修正方法。' },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'ssj_session' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['code', 'message', 'details'],
          properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
        },
      },
    },
    paths,
  };
}
