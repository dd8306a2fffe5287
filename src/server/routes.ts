// Every API route of every capability, in one table: the pipeline, the OpenAPI
// description and the endpoint × role authorization tests all read it.
import type { AnyRoute } from './http/route.ts';
import { authRoutes } from './auth/routes.ts';
import { orgRoutes } from './orgs/routes.ts';
import { userRoutes } from './users/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { directoryRoutes } from './directories/routes.ts';

export const allRoutes: AnyRoute[] = [...authRoutes, ...orgRoutes, ...userRoutes, ...directoryRoutes, ...auditRoutes];
