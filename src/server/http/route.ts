// The fixed request pipeline (ARCHITECTURE.md): authenticate → authorize by role (the role ×
// module table) → validate (zod) → the use case, which loads its row for the caller under the
// capability's policy → the answer, checked against the route's response schema.
//
// Every endpoint is declared once with defineRoute: the pipeline, the OpenAPI description, the
// endpoint × role authorization tests and the web console's types (src/web/src/api.ts derives
// them from the route table) all read the same declaration. A route file holds only HTTP: the
// schemas, one call of a use case, the status.
import type { Context } from 'hono';
import type { z } from 'zod';
import type { ModuleKey } from '../../core/access/policy.ts';
import type { Role } from '../../core/glossary.ts';
import type { Database } from '../../db/database.ts';
import type { UnitScope } from '../access/scope.ts';
import type { ServerConfig } from '../config.ts';
import type { UploadKind } from './guards.ts';

export type RouteAuth =
  | { readonly kind: 'public' }
  | { readonly kind: 'session' }
  | { readonly kind: 'module'; readonly module: ModuleKey; readonly access: 'read' | 'write' };

export const publicRoute = { kind: 'public' } as const;
export const anySession = { kind: 'session' } as const;
export const moduleRead = (module: ModuleKey) => ({ kind: 'module', module, access: 'read' }) as const;
export const moduleWrite = (module: ModuleKey) => ({ kind: 'module', module, access: 'write' }) as const;

/** The signed-in user acting in one unit with one role. */
export interface Caller {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  scope: UnitScope;
  sessionTokenHash: string;
  /** The instant the caller acts at (clock.ts nowOf): never set for a request, only by the demo loader. */
  now?: Date | undefined;
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

type Schema = z.ZodType;
/**
 * What a route without a response schema returns. While capabilities move to declared responses
 * this is `unknown`; once every JSON route declares its schema it becomes `Response`.
 */
type FileAnswer = unknown;
type Parsed<S> = S extends Schema ? z.output<S> : undefined;

export interface HandlerInput<P, Q, B, A extends RouteAuth> {
  app: AppContext;
  c: Context;
  /** Present on every route that is not public. */
  caller: A extends { kind: 'public' } ? Caller | null : Caller;
  params: P;
  query: Q;
  body: B;
  clientAddress: string;
  /** Present when the route declares `upload`. */
  upload: UploadedFile | null;
}

/** What a route declares besides its method, path, tag and access: summary, schemas, handler. */
export interface RouteSpec<
  A extends RouteAuth = RouteAuth,
  PS extends Schema | undefined = Schema | undefined,
  QS extends Schema | undefined = Schema | undefined,
  BS extends Schema | undefined = Schema | undefined,
  RS extends Schema | undefined = Schema | undefined,
> {
  summary: string;
  params?: PS;
  query?: QS;
  body?: BS;
  /**
   * The JSON answer (sent with 200). The handler returns the schema's input; what is sent is its
   * parsed output, so fields the schema does not name never leave the server. A route without a
   * response schema answers with a file or stream: its handler returns a ready Response.
   */
  response?: RS;
  /** Max request body in bytes (default 100 KB). */
  bodyLimit?: number;
  /**
   * The body is a file (sent raw, not multipart, with X-File-Name), streamed to a temporary
   * file with this size limit; query parameters carry the options. `body` is then unused.
   */
  upload?: { maxBytes: number; accept?: UploadKind };
  handler(
    input: HandlerInput<Parsed<PS>, Parsed<QS>, Parsed<BS>, A>,
  ): Promise<RS extends Schema ? z.input<RS> | Response : FileAnswer>;
}

export interface RouteDef<
  M extends string = string,
  Path extends string = string,
  A extends RouteAuth = RouteAuth,
  PS extends Schema | undefined = Schema | undefined,
  QS extends Schema | undefined = Schema | undefined,
  BS extends Schema | undefined = Schema | undefined,
  RS extends Schema | undefined = Schema | undefined,
> extends RouteSpec<A, PS, QS, BS, RS> {
  method: M;
  path: Path;
  tag: string;
  auth: A;
}

/** Declares one endpoint; keeps the literal method, path and schema types for the route table. */
export function defineRoute<
  const M extends 'get' | 'post' | 'patch' | 'put' | 'delete',
  const Path extends string,
  const A extends RouteAuth,
  PS extends Schema | undefined = undefined,
  QS extends Schema | undefined = undefined,
  BS extends Schema | undefined = undefined,
  RS extends Schema | undefined = undefined,
>(route: RouteDef<M, Path, A, PS, QS, BS, RS>): RouteDef<M, Path, A, PS, QS, BS, RS> {
  return route;
}

type Verb = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
/** "GET /api/plans/:id": the method and path of a route, as the web console names it. */
type RouteKey = `${Verb} /${string}`;
type MethodOf<K> = K extends `${infer V extends Verb} ${string}` ? Lowercase<V> : never;
type PathOf<K> = K extends `${Verb} ${infer P}` ? P : never;

/**
 * The routes of one capability, which share its OpenAPI tag: each is declared by its access, its
 * key ("POST /api/plans/:id/publish", the name the web console calls it by) and the rest of its
 * declaration. Gives the same declaration defineRoute does.
 */
export function routeGroup(tag: string) {
  // The schemas' parameters come first: each is undefined unless the route declares that schema.
  return function route<
    PS extends Schema | undefined = undefined,
    QS extends Schema | undefined = undefined,
    BS extends Schema | undefined = undefined,
    RS extends Schema | undefined = undefined,
    const A extends RouteAuth = RouteAuth,
    const K extends RouteKey = RouteKey,
  >(auth: A, key: K, spec: RouteSpec<A, PS, QS, BS, RS>): RouteDef<MethodOf<K>, PathOf<K>, A, PS, QS, BS, RS> {
    const space = key.indexOf(' ');
    const method = key.slice(0, space).toLowerCase() as MethodOf<K>;
    return { ...spec, method, path: key.slice(space + 1) as PathOf<K>, tag, auth };
  };
}

export type AnyRoute = RouteDef<string, string, RouteAuth, any, any, any, any>;

/** A caller that must be present. Routes that are not public get a typed `caller` instead. */
export function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw new Error('route declared authenticated but caller missing');
  return caller;
}

// ---------------------------------------------------------------- the contract, by route key
// The web console names an endpoint by its key, "PUT /api/visits/:drawId/:uscc/result", and
// gets the request and answer types of that route from the table (type-only: no server code
// reaches the browser).

type NonEmpty<S> = Exclude<S, undefined>;

/** "GET /api/results/:id" for a route. */
export type RouteKeyOf<R> = R extends { method: infer M extends string; path: infer P extends string } ? `${Uppercase<M>} ${P}` : never;

/** The route of a key in a table of routes. */
export type RouteFor<Routes, K extends string> = Routes extends infer R ? (R extends unknown ? (RouteKeyOf<R> extends K ? R : never) : never) : never;

type InputPart<Name extends string, S> = [NonEmpty<S>] extends [never]
  ? { [N in Name]?: undefined }
  : NonEmpty<S> extends Schema
    ? Partial<z.input<NonEmpty<S>>> extends z.input<NonEmpty<S>>
      ? { [N in Name]?: z.input<NonEmpty<S>> }
      : { [N in Name]: z.input<NonEmpty<S>> }
    : { [N in Name]?: undefined };

/** What a client sends: path parameters, query and JSON body, each as the route's schema takes them. */
export type RouteInput<R> = R extends { params?: infer P; query?: infer Q; body?: infer B }
  ? InputPart<'params', P> & InputPart<'query', Q> & InputPart<'body', B>
  : never;

/** What a client receives: the parsed output of the response schema (JSON as sent). */
export type RouteOutput<R> = R extends { response?: infer S } ? (NonEmpty<S> extends Schema ? z.output<NonEmpty<S>> : never) : never;
