// Groups and visits, 1+X (docs/draw-spec.md §6): one visit per object drawn by any group, listing
// the sorted union of the items of the groups that drew it.
import { compareUtf8, sortUtf8 } from './encoding.ts';
import type { GroupParams } from './params.ts';
import type { ReserveEntry, SampleEntry } from './selection.ts';

export interface Visit {
  id: string;
  items: string[];
}

/**
 * Visits sorted by id bytes, items sorted by bytes. Choice (docs/draw-spec.md §5/§6 do not say
 * how a used reserve enters the visits): a reserve marked `used` is visited like a
 * sampled object, with its group's items; the sample entry it stands in for stays
 * in the sample and in the visits, its non-inspectability being the reserve's reason.
 */
export function buildVisits(groups: readonly GroupParams[], sample: readonly SampleEntry[], reserves: readonly ReserveEntry[]): Visit[] {
  const itemsOf = new Map(groups.map((g) => [g.code, g.items]));
  const byId = new Map<string, Set<string>>();
  const drawn = [...sample, ...reserves.filter((r) => r.used)];
  for (const entry of drawn) {
    let items = byId.get(entry.id);
    if (!items) byId.set(entry.id, (items = new Set()));
    for (const item of itemsOf.get(entry.group) ?? []) items.add(item);
  }
  return sortUtf8([...byId.keys()]).map((id) => ({ id, items: [...byId.get(id)!].sort(compareUtf8) }));
}
