// The console's one way to the server: JSON in, JSON out, same-origin cookie session.
// An endpoint is named by its key in the server's route table ("PUT /api/results/:id/…"), and
// its request and answer types come from that table (type-only imports: no server code reaches
// the browser), so a changed response schema breaks the type check of every page that reads it.
// Every non-2xx answer becomes an ApiError carrying the server's {code, message, details};
// the message is Chinese and is shown to the user verbatim.
import type { ApiInput, ApiKey, ApiOutput } from '../../server/routes.ts';

export type { ApiInput, ApiKey, ApiOutput };
import type { Me } from './apiTypes.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

// Used only when the server (or a proxy in front of it) sends no {code, message} body.
function fallbackMessage(status: number): string {
  if (status === 401) return '登录已失效，请重新登录。';
  if (status === 403) return '当前角色无权执行此操作。';
  if (status === 404) return '请求的资源不存在。';
  if (status === 429) return '请求过于频繁，请稍后再试。';
  if (status >= 500) return `服务器出错（状态 ${status}），请稍后重试；如持续出现请联系系统管理员。`;
  return `请求失败（状态 ${status}），请稍后重试。`;
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: keep the fallback message
  }
  const b = (body ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
  const code = typeof b.code === 'string' ? b.code : `http_${response.status}`;
  const message = typeof b.message === 'string' && b.message ? b.message : fallbackMessage(response.status);
  return new ApiError(response.status, code, message, b.details);
}

export type QueryValue = string | number | undefined | null;

/** Builds "path?a=1&b=x", leaving out empty values. */
export function withQuery(path: string, query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function apiRequest<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network_error', '无法连接服务器，请检查网络后重试。');
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>('GET', path, undefined, signal),
  post: <T>(path: string, body?: unknown) => apiRequest<T>('POST', path, body ?? {}),
};

// ------------------------------------------------------------------ typed endpoints

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** The input may be left out when nothing in it is required. */
type InputArgs<K extends ApiKey> = Partial<ApiInput<K>> extends ApiInput<K> ? [input?: ApiInput<K>] : [input: ApiInput<K>];
type CallArgs<K extends ApiKey> =
  Partial<ApiInput<K>> extends ApiInput<K> ? [input?: ApiInput<K>, signal?: AbortSignal] : [input: ApiInput<K>, signal?: AbortSignal];
type Parts = { params?: Record<string, string | number>; query?: Record<string, unknown>; body?: unknown };

/** The address of an endpoint: path parameters filled in (encoded), empty query values left out. */
export function endpointUrl<K extends ApiKey>(key: K, ...[input]: InputArgs<K>): string {
  return addressOf(key, (input ?? {}) as Parts);
}

/** endpointUrl without the types, for helpers that already checked them. */
export function addressOf(key: string, parts: Parts): string {
  const path = key.slice(key.indexOf(' ') + 1).replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = parts.params?.[name];
    if (value === undefined) throw new Error(`endpointUrl(${key}): path parameter ${name} missing`);
    return encodeURIComponent(String(value));
  });
  return withQuery(path, (parts.query ?? {}) as Record<string, QueryValue>);
}

/** Calls an endpoint with its typed input; resolves to its typed answer. */
export function call<K extends ApiKey>(key: K, ...args: CallArgs<K>): Promise<ApiOutput<K>> {
  const [input, signal] = args as unknown as [Parts | undefined, AbortSignal | undefined];
  const method = key.slice(0, key.indexOf(' ')) as Method;
  const url = endpointUrl(key, ...([input] as InputArgs<K>));
  const body = method === 'GET' || method === 'DELETE' ? undefined : (input?.body ?? {});
  return apiRequest<ApiOutput<K>>(method, url, body, signal);
}

/**
 * Sends a file to an upload endpoint (raw body, name in X-File-Name, options in the query) —
 * the one upload path of the console; resolves to the endpoint's typed answer.
 */
export async function uploadFile<K extends ApiKey>(key: K, file: File, ...[input]: InputArgs<K>): Promise<ApiOutput<K>> {
  const url = endpointUrl(key, ...([input] as InputArgs<K>));
  let response: Response;
  try {
    response = await fetch(url, {
      method: key.slice(0, key.indexOf(' ')),
      headers: { 'X-File-Name': encodeURIComponent(file.name), 'Content-Type': uploadTypeOf(file), Accept: 'application/json' },
      body: file,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network_error', '上传失败：无法连接服务器，请检查网络后重试。');
  }
  if (!response.ok) throw await errorFrom(response);
  return (await response.json()) as ApiOutput<K>;
}

/** The media type sent with a file: the browser's, or by the name's extension where it has none. */
function uploadTypeOf(file: File): string {
  if (file.type) return file.type;
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  const byExt: Record<string, string> = {
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    csv: 'text/csv',
    tsv: 'text/tab-separated-values',
    txt: 'text/plain',
    pdf: 'application/pdf',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    png: 'image/png',
    webp: 'image/webp',
  };
  return byExt[ext] ?? 'application/octet-stream';
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

// ------------------------------------------------------------------ auth endpoints

/** GET /api/auth/me; throws ApiError with status 401 when nobody is signed in. */
export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return call('GET /api/auth/me', undefined, signal);
}

export function login(username: string, password: string): Promise<Me> {
  return call('POST /api/auth/login', { body: { username, password } });
}

export function switchAssignment(unitCode: string, role: ApiInput<'POST /api/auth/switch'>['body']['role']): Promise<Me> {
  return call('POST /api/auth/switch', { body: { unitCode, role } });
}

export async function logout(): Promise<void> {
  await call('POST /api/auth/logout');
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await call('POST /api/auth/password', { body: { currentPassword, newPassword } });
}
