// In-process API client for tests: runs requests through the real Hono app (no sockets),
// keeping the session cookie like a browser would.
import type { Hono } from 'hono';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  setCookie: string | null;
  headers: Headers;
}

export class ApiClient {
  private cookie: string | null = null;
  constructor(
    private readonly app: Hono,
    private readonly address = '10.0.0.1',
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    if (this.cookie) (init.headers as Record<string, string>).cookie = this.cookie;
    const response = await this.app.request(`http://localhost${path}`, init, { incoming: { socket: { remoteAddress: this.address } } });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = pair && /=.+/.test(pair) ? pair : null;
    }
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed as T, setCookie, headers: response.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }

  async login(username: string, password: string): Promise<ApiResponse> {
    return this.post('/api/auth/login', { username, password });
  }

  get sessionCookie(): string | null {
    return this.cookie;
  }
  set sessionCookie(value: string | null) {
    this.cookie = value;
  }
}
