// Who calls each route of the table in the route-wide suites (attacks, user messages): the
// 高平 demo account of each role, and for a route the first role its role check lets through, so
// a request reaches validation and the use case rather than stopping at 403.
import { policy } from '../../core/access/policy.ts';
import { roles, type Role } from '../../core/glossary.ts';
import { allRoutes } from '../routes.ts';
import type { AnyRoute } from '../http/route.ts';

export const gpAccount: Record<Role, string> = {
  admin: 'gp.admin',
  planner: 'gp.planner',
  staff: 'gp.staff',
  inspector: 'gp.inspector',
  leader: 'gp.leader',
  auditor: 'gp.auditor',
};

export const routes = allRoutes as readonly AnyRoute[];
export const routeKey = (r: AnyRoute) => `${r.method.toUpperCase()} ${r.path}`;
/** Logging out, switching or changing the password would end the session a suite runs in. */
export const sessionEnders = new Set(['POST /api/auth/logout', 'POST /api/auth/switch', 'POST /api/auth/password']);

/** A 高平 role the route's role check lets through (null: a public route). */
export function roleFor(route: AnyRoute): Role | null {
  if (route.auth.kind !== 'module') return route.auth.kind === 'public' ? null : 'planner';
  const { module, access } = route.auth;
  return roles.find((r) => policy[r][module] === 'write' || (access === 'read' && policy[r][module] === 'read')) ?? null;
}
