// The fixed request pipeline (engineering.md): authenticate → validate (zod) →
// authorize (role × module policy, then unit scope in the use case) → use case → presenter.
// Every endpoint is declared with defineRoute so the policy, the OpenAPI description and
// the endpoint × role authorization tests all read the same table.
import type { Context } from 'hono';
import type { z } from 'zod';
import type { ModuleKey } from '../../core/access/policy.ts';
import type { Role } from '../../core/glossary.ts';
import type { Database } from '../../db/database.ts';
import type { UnitScope } from '../access/scope.ts';
import type { ServerConfig } from '../config.ts';

export type RouteAuth =
  | { kind: 'public' }
  | { kind: 'session' }
  | { kind: 'module'; module: ModuleKey; access: 'read' | 'write' };

export const publicRoute: RouteAuth = { kind: 'public' };
export const anySession: RouteAuth = { kind: 'session' };
export const moduleRead = (module: ModuleKey): RouteAuth => ({ kind: 'module', module, access: 'read' });
export const moduleWrite = (module: ModuleKey): RouteAuth => ({ kind: 'module', module, access: 'write' });

export interface Caller {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  scope: UnitScope;
  sessionTokenHash: string;
}

export interface AppContext {
  database: Database;
  config: ServerConfig;
}

/** A request body streamed to a temporary file (imports). Deleted after the handler returns. */
export interface UploadedFile {
  path: string;
  /** From the X-File-Name header (URL-encoded by the client). */
  fileName: string;
  bytes: number;
  contentType: string;
}

export interface HandlerInput<Q, B, P> {
  app: AppContext;
  c: Context;
  caller: Caller | null;
  query: Q;
  body: B;
  params: P;
  clientAddress: string;
  /** Present when the route declares `upload`. */
  upload: UploadedFile | null;
}

export interface RouteDef<Q = unknown, B = unknown, P = unknown> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  summary: string;
  tag: string;
  auth: RouteAuth;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  params?: z.ZodType<P>;
  /** Max request body in bytes (default 100 KB). */
  bodyLimit?: number;
  /**
   * The body is a file (sent raw, not multipart, with X-File-Name), streamed to a temporary
   * file with this size limit; query parameters carry the options. `body` is then unused.
   */
  upload?: { maxBytes: number };
  /** Returns a JSON-serialisable body (sent with 200) or a ready Response. */
  handler(input: HandlerInput<Q, B, P>): Promise<unknown>;
}

/** Identity helper that keeps the generic types of a route definition. */
export function defineRoute<Q = undefined, B = undefined, P = undefined>(route: RouteDef<Q, B, P>): RouteDef<Q, B, P> {
  return route;
}

export type AnyRoute = RouteDef<any, any, any>;

/** A caller that must be present (for routes with auth other than public). */
export function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw new Error('route declared authenticated but caller missing');
  return caller;
}
