// Every API route of every capability, in one table: the pipeline, the OpenAPI description,
// the endpoint × role authorization tests and the web console's types all read it.
import type { RouteFor, RouteInput, RouteKeyOf, RouteOutput } from './http/route.ts';
import { authRoutes } from './auth/routes.ts';
import { orgRoutes } from './orgs/routes.ts';
import { userRoutes } from './users/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { entityRoutes } from './directories/entityRoutes.ts';
import { inspectorRoutes } from './inspectors/routes.ts';
import { importRoutes } from './imports/routes.ts';
import { checkItemRoutes } from './checkItems/routes.ts';
import { subLibraryRoutes } from './subLibraries/routes.ts';
import { planRoutes } from './plans/routes.ts';
import { filingRoutes } from './plans/filingRoutes.ts';
import { publicPlanRoutes } from './plans/publicRoutes.ts';
import { publicCheckItemRoutes } from './checkItems/publicRoutes.ts';
import { taskRoutes } from './tasks/routes.ts';
import { drawRoutes } from './draws/routes.ts';
import { jointSchemeRoutes } from './jointSchemes/routes.ts';
import { resultRoutes } from './results/routes.ts';
import { publicResultRoutes } from './results/publicRoutes.ts';
import { followupRoutes } from './followup/routes.ts';
import { indicatorRoutes } from './indicators/routes.ts';
import { directoryObjectRoutes } from './directoryObjects/routes.ts';
import { workbenchRoutes } from './workbench/routes.ts';
import { publicationRequestRoutes } from './publicationRequests/routes.ts';
import { publicPublicationRequestRoutes } from './publicationRequests/publicRoutes.ts';

export const allRoutes = [
  ...authRoutes,
  ...orgRoutes,
  ...userRoutes,
  ...entityRoutes,
  ...subLibraryRoutes,
  ...importRoutes,
  ...directoryObjectRoutes,
  ...inspectorRoutes,
  ...checkItemRoutes,
  ...planRoutes,
  ...filingRoutes,
  ...taskRoutes,
  ...drawRoutes,
  ...jointSchemeRoutes,
  ...resultRoutes,
  ...publicationRequestRoutes,
  ...followupRoutes,
  ...workbenchRoutes,
  ...indicatorRoutes,
  ...publicResultRoutes,
  ...publicPlanRoutes,
  ...publicCheckItemRoutes,
  ...publicPublicationRequestRoutes,
  ...auditRoutes,
] as const;

/** Any route of the API, with its literal method, path and schemas. */
export type ApiRoute = (typeof allRoutes)[number];
/** "GET /api/results/:id" — how the web console names an endpoint. */
export type ApiKey = RouteKeyOf<ApiRoute>;
/** What a client sends to an endpoint. */
export type ApiInput<K extends ApiKey> = RouteInput<RouteFor<ApiRoute, K>>;
/** What an endpoint answers (its response schema's output). */
export type ApiOutput<K extends ApiKey> = RouteOutput<RouteFor<ApiRoute, K>>;
