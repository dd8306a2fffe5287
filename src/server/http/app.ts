// Builds the Hono application: every route of every capability runs through one pipeline.
import fs from 'node:fs';
import path from 'node:path';
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { serveStatic } from '@hono/node-server/serve-static';
import { policy, modules } from '../../core/access/policy.ts';
import { DomainError } from '../../core/errors.ts';
import { roleLabel } from '../../core/glossary.ts';
import { AppError, errorBody, fromDomainError } from './errors.ts';
import type { AnyRoute, AppContext, Caller, UploadedFile } from './route.ts';
import { findSession, SESSION_COOKIE } from '../auth/sessions.ts';
import { loadScope } from '../access/scope.ts';
import { allRoutes } from '../routes.ts';
import { buildOpenApi } from './openapi.ts';
import { describeIssues, plainChineseError } from './messages.ts';
import { acceptsUpload, clientAddressOf, refuseCrossSite, refuseUnstorableText, securityHeaders } from './guards.ts';
import { takeImportSlot } from '../files/importSlots.ts';
import { makeTempDir } from '../files/tempDirs.ts';

z.config({ customError: plainChineseError });

const DEFAULT_BODY_LIMIT = 100 * 1024;

export function createApp(app: AppContext, routes: readonly AnyRoute[] = allRoutes): Hono {
  const hono = new Hono();

  hono.onError((error, c) => {
    if (error instanceof DomainError) error = fromDomainError(error);
    if (error instanceof AppError) return c.json(errorBody(error), error.status as 400);
    const ref = Math.random().toString(36).slice(2, 10);
    console.error(`[${ref}]`, error);
    return c.json({ code: 'INTERNAL', message: `服务器内部错误，操作未完成。请稍后重试；如持续出现，请把错误编号 ${ref} 告知系统管理员。`, details: { ref } }, 500);
  });

  hono.use('*', securityHeaders);
  // API answers carry personal and unpublished data and change with every action: no browser
  // or proxy may keep them (a cached list would also hide what the user just saved).
  hono.use('/api/*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });

  hono.get('/api/docs', (c) => c.json(buildOpenApi(routes)));
  hono.get('/api/health', async (c) => {
    await app.database.db.selectFrom('schema_migration' as never).select((eb) => eb.fn.countAll().as('n')).execute();
    return c.json({ ok: true, engine: app.database.engine });
  });

  for (const route of routes) {
    hono.on(route.method.toUpperCase(), route.path, (c) => runRoute(app, route, c));
  }

  hono.all('/api/*', (c) =>
    c.json({ code: 'NOT_FOUND', message: `接口 ${c.req.method} ${new URL(c.req.url).pathname} 不存在。接口清单见 /api/docs。`, details: null }, 404),
  );

  mountWeb(hono, app.config.webDir);
  return hono;
}

async function authenticate(app: AppContext, c: Context): Promise<{ caller: Caller | null; expired: boolean; mustChangePassword: boolean }> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return { caller: null, expired: false, mustChangePassword: false };
  const found = await findSession(app.database.db, token, new Date(), app.config.sessionIdleMinutes);
  if (found.state !== 'valid') return { caller: null, expired: found.state === 'expired', mustChangePassword: false };
  const s = found.session;
  const scope = await loadScope(app.database.db, s.unitCode);
  return {
    caller: { userId: s.userId, username: s.username, displayName: s.displayName, role: s.role, scope, sessionTokenHash: s.tokenHash },
    expired: false,
    mustChangePassword: s.mustChangePassword,
  };
}

/** What a user whose password an administrator set may do before changing it. */
const beforePasswordChange = new Set(['GET /api/auth/me', 'POST /api/auth/password', 'POST /api/auth/logout']);

function refuseUntilPasswordChanged(route: AnyRoute, mustChangePassword: boolean): void {
  if (!mustChangePassword || route.auth.kind === 'public') return;
  if (beforePasswordChange.has(`${route.method.toUpperCase()} ${route.path}`)) return;
  throw new AppError('PASSWORD_CHANGE_REQUIRED', '您的密码由管理员设置，须先修改密码才能继续使用。请点击右上角「修改密码」设置只有您知道的新密码。', null);
}

function authorize(route: AnyRoute, caller: Caller | null, expired: boolean): void {
  if (route.auth.kind === 'public') return;
  if (!caller) {
    if (expired) throw new AppError('SESSION_EXPIRED', '登录已过期，请重新登录。');
    throw new AppError('UNAUTHENTICATED', '请先登录。');
  }
  if (route.auth.kind === 'module') {
    const granted = policy[caller.role][route.auth.module];
    const needed = route.auth.access;
    if (granted === 'none' || (needed === 'write' && granted !== 'write')) {
      const verb = needed === 'write' ? '修改' : '查看';
      throw new AppError(
        'FORBIDDEN_ROLE',
        `当前角色（${roleLabel[caller.role]}）无权${verb}「${modules[route.auth.module]}」。如需办理，请切换到有权限的角色或联系本单位系统管理员。`,
        { module: route.auth.module, required: needed, role: caller.role },
      );
    }
  }
}

function validationError(where: 'path' | 'query' | 'body', schema: z.ZodType, error: z.ZodError): AppError {
  const issues = describeIssues(schema, error);
  const summary = issues.map((i) => (i.field ? `${i.field}：${i.message}` : i.message)).join('；');
  const what = where === 'body' ? '填写的内容' : where === 'query' ? '查询条件' : '访问的地址';
  return new AppError('VALIDATION_FAILED', `${what}有误，请修正后重试：${summary}`, { issues });
}

async function readJsonBody(c: Context, limit: number): Promise<unknown> {
  const declared = Number(c.req.header('content-length') ?? NaN);
  const tooLarge = () =>
    new AppError('PAYLOAD_TOO_LARGE', `请求内容过大（上限 ${Math.round(limit / 1024)} KB），未做任何修改。大文件请使用导入功能。`, { limitBytes: limit });
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const raw = await c.req.raw.arrayBuffer();
  if (raw.byteLength > limit) throw tooLarge();
  if (raw.byteLength === 0) return undefined;
  if (mediaTypeOf(c) !== 'application/json') {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请求内容的类型不对：本接口只接受 JSON（Content-Type: application/json）。未做任何修改。');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new AppError('INVALID_JSON', '请求内容不是 UTF-8 编码的文字，未做任何修改。');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('INVALID_JSON', '请求内容不是合法的 JSON，未做任何修改。请检查括号、引号和逗号。');
  }
}

/** The media type of the request body, without parameters, lower case ('' when absent). */
function mediaTypeOf(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

async function receiveUpload(c: Context, route: AnyRoute, maxBytes: number): Promise<UploadedFile> {
  acceptsUpload(route, mediaTypeOf(c));
  const tooLarge = () =>
    new AppError('PAYLOAD_TOO_LARGE', `文件过大（上限 ${Math.round(maxBytes / 1024 / 1024)} MB），未做任何导入。请拆分文件后分批导入。`, { limitBytes: maxBytes });
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const rawName = c.req.header('x-file-name');
  let fileName = 'upload';
  if (rawName) {
    try {
      fileName = path.basename(decodeURIComponent(rawName));
    } catch {
      throw new AppError('BAD_REQUEST', '文件名编码有误，请重新选择文件后上传。');
    }
    refuseUnstorableText(fileName, '文件名');
  }
  const dir = makeTempDir('upload');
  const target = path.join(dir, 'body');
  const out = fs.createWriteStream(target);
  let bytes = 0;
  try {
    const body = c.req.raw.body;
    if (body) {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.byteLength;
        if (bytes > maxBytes) throw tooLarge();
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  } catch (error) {
    out.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  if (bytes === 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new AppError('BAD_REQUEST', '上传的文件是空的（0 字节），请选择正确的文件后重试。');
  }
  return { path: target, fileName, bytes, contentType: c.req.header('content-type') ?? 'application/octet-stream' };
}

async function runRoute(app: AppContext, route: AnyRoute, c: Context): Promise<Response> {
  const changesState = route.method !== 'get';
  if (changesState) refuseCrossSite(c, app.config.allowedOrigins);
  const { caller, expired, mustChangePassword } = await authenticate(app, c);
  authorize(route, caller, expired);
  refuseUntilPasswordChanged(route, mustChangePassword);
  const rawParams = c.req.param() as Record<string, string>;
  const rawQuery = c.req.query();
  refuseUnstorableText(rawParams, '访问的地址');
  refuseUnstorableText(rawQuery, '查询条件');
  const params = route.params ? route.params.safeParse(rawParams) : { success: true as const, data: rawParams };
  if (!params.success) throw validationError('path', route.params!, params.error);
  const query = route.query ? route.query.safeParse(rawQuery) : { success: true as const, data: undefined };
  if (!query.success) throw validationError('query', route.query!, query.error);
  let body: unknown = undefined;
  let upload: UploadedFile | null = null;
  // A spreadsheet upload holds one of the server's import slots from its first byte to the answer.
  const freeSlot = route.upload && route.upload.accept !== 'attachment' ? takeImportSlot() : () => {};
  if (route.upload) {
    try {
      upload = await receiveUpload(c, route, route.upload.maxBytes);
    } catch (error) {
      freeSlot();
      throw error;
    }
  } else if (changesState && route.method !== 'delete') {
    const raw = await readJsonBody(c, route.bodyLimit ?? DEFAULT_BODY_LIMIT);
    refuseUnstorableText(raw, '填写的内容');
    if (route.body) {
      const parsed = route.body.safeParse(raw ?? {});
      if (!parsed.success) throw validationError('body', route.body, parsed.error);
      body = parsed.data;
    }
  }
  try {
    const result = await route.handler({
      app,
      c,
      caller,
      query: query.data,
      body,
      params: params.data,
      clientAddress: clientAddressOf(c, app.config.trustedProxies),
      upload,
    });
    if (result instanceof Response) return result;
    if (!route.response) return c.json(result as object);
    const answer = route.response.safeParse(result);
    if (!answer.success) {
      // The use case answered outside its declared contract: a defect, never shown as data.
      throw new Error(`${route.method.toUpperCase()} ${route.path}: answer does not match its response schema: ${answer.error.message}`);
    }
    return c.json(answer.data as object);
  } finally {
    freeSlot();
    if (upload) fs.rmSync(path.dirname(upload.path), { recursive: true, force: true });
  }
}

function mountWeb(hono: Hono, webDir: string): void {
  const root = path.resolve(webDir);
  const indexFile = path.join(root, 'index.html');
  hono.use('*', serveStatic({ root: path.relative(process.cwd(), root) || '.' }));
  hono.get('*', (c) => {
    if (!fs.existsSync(indexFile)) {
      return c.text('网页控制台尚未构建：请运行 npm run build:web（npm start 会自动构建）。', 503);
    }
    return c.html(fs.readFileSync(indexFile, 'utf8'));
  });
}
