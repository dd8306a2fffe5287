import type { OrgUnit } from '../../apiTypes.ts';

export interface OrgNode {
  unit: OrgUnit;
  children: OrgNode[];
}

/**
 * Builds the org tree from the flat list GET /api/orgs returns.
 * A unit whose parent is not in the list (the caller can't see it) becomes a root.
 * Keeps the server's order among siblings.
 */
export function buildOrgTree(units: OrgUnit[]): OrgNode[] {
  const nodes = new Map<string, OrgNode>();
  for (const unit of units) nodes.set(unit.code, { unit, children: [] });
  const roots: OrgNode[] = [];
  for (const unit of units) {
    const node = nodes.get(unit.code)!;
    const parent = unit.parentCode ? nodes.get(unit.parentCode) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
