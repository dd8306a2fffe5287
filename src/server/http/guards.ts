// Request guards of the pipeline that do not depend on the route's use case: browser security
// headers, the cross-site refusal for state changes, text a database cannot store, upload media
// types, and the client's address behind trusted proxies. docs/security.md lists the promises.
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { AppError } from './errors.ts';
import type { AnyRoute } from './route.ts';

/**
 * Every answer: no sniffing, no framing, no referrer across sites; pages may load only the
 * server's own scripts (antd writes its styles inline; the draw verifier compiles WebAssembly).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set('X-Content-Type-Options', 'nosniff');
  h.set('X-Frame-Options', 'DENY');
  h.set('Referrer-Policy', 'same-origin');
  h.set('Cross-Origin-Opener-Policy', 'same-origin');
  if (!h.has('Content-Security-Policy')) h.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
};

/**
 * A state change must come from the console's own pages: a browser says where a request comes
 * from (Sec-Fetch-Site, Origin), and any other site is refused before the session is even read.
 * Requests without either header (the CLI, scripts, tests) are not browser requests and pass.
 */
export function refuseCrossSite(c: Context, allowedOrigins: readonly string[]): void {
  const refusal = () =>
    new AppError('FORBIDDEN_ORIGIN', '该请求来自其他网站，已拒绝，未做任何修改。请在本系统的页面中操作。', null);
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw refusal();
  const origin = c.req.header('origin');
  if (origin === undefined) return;
  let originUrl: URL;
  try {
    originUrl = new URL(origin);
  } catch {
    throw refusal();
  }
  const ownHost = c.req.header('host') ?? new URL(c.req.url).host;
  if (originUrl.host === ownHost) return;
  if (allowedOrigins.some((allowed) => new URL(allowed).origin === originUrl.origin)) return;
  throw refusal();
}

// NUL cannot be stored in PostgreSQL text, and a lone UTF-16 surrogate is not a character: both
// are refused with a message instead of failing deep in the database.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function firstUnstorable(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return UNSTORABLE.test(value);
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => firstUnstorable(v, depth + 1));
  return Object.entries(value).some(([k, v]) => UNSTORABLE.test(k) || firstUnstorable(v, depth + 1));
}

/** Refuses text with NUL or broken UTF-16 anywhere in a value (path, query, body, file name). */
export function refuseUnstorableText(value: unknown, where: string): void {
  if (firstUnstorable(value)) {
    throw new AppError('VALIDATION_FAILED', `${where}中含有无法保存的不可见字符（空字符或残缺的字符编码），请删除后重试。`, null);
  }
}

/** Media types an upload route may receive, by what it takes. */
export const uploadMediaTypes = {
  spreadsheet: [
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'text/csv',
    'text/tab-separated-values',
    'text/plain',
    'application/vnd.ms-excel',
    'application/octet-stream',
  ],
  attachment: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'application/octet-stream'],
} as const;

export type UploadKind = keyof typeof uploadMediaTypes;

export function acceptsUpload(route: AnyRoute, mediaType: string): void {
  const kind = route.upload?.accept ?? 'spreadsheet';
  const accepted: readonly string[] = uploadMediaTypes[kind];
  if (!accepted.includes(mediaType)) {
    const what = kind === 'attachment' ? '现场照片（JPEG/PNG/WebP）或扫描件（PDF）' : '表格文件（.xlsx、.csv 或 .txt）';
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `上传的文件类型不对：这里只接受${what}。未做任何导入。`, null);
  }
}

/**
 * The client's address: the peer, or — when the peer is a trusted reverse proxy — the last
 * address of X-Forwarded-For that is not itself a trusted proxy.
 */
export function clientAddressOf(c: Context, trustedProxies: readonly string[]): string {
  let peer: string;
  try {
    peer = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    peer = 'local';
  }
  const normalise = (a: string) => a.trim().replace(/^::ffff:/, '');
  if (!trustedProxies.includes(normalise(peer))) return peer;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map(normalise)
    .filter((a) => a !== '');
  for (let i = forwarded.length - 1; i >= 0; i--) {
    if (!trustedProxies.includes(forwarded[i]!)) return forwarded[i]!;
  }
  return peer;
}
