// Seeded randomness for the demo data: the same seed gives the same rows on every machine
// and every run (no Math.random). mulberry32 is a small 32-bit generator: plenty for
// synthetic data, NOT for draws (the draw has its own verifiable procedure, docs/draw-spec.md).

export const DEMO_SEED = 20261123;

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** true with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One value, chosen with probability proportional to its weight. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T;
  /** count distinct items (fewer if the list is shorter), in random order. */
  sample<T>(items: readonly T[], count: number): T[];
  /** A well-formed version-4 UUID built from this generator's bits. */
  uuid(): string;
  /** A date 'YYYY-MM-DD' between from and to, both inclusive. */
  date(from: string, to: string): string;
  /**
   * An independent generator for a named part of the data (e.g. 'entities:140581'), so
   * that changing one generator does not shift the numbers another one sees.
   */
  fork(label: string): Random;
}

/** 32-bit FNV-1a of a string, used to derive fork seeds from labels. */
export function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;

export function createRandom(seed: number = DEMO_SEED): Random {
  const next = mulberry32(seed);
  const random: Random = {
    next,
    int(min, max) {
      return min + Math.floor(next() * (max - min + 1));
    },
    chance(p) {
      return next() < p;
    },
    pick(items) {
      if (items.length === 0) throw new Error('pick: empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted(choices) {
      const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
      if (!(total > 0)) throw new Error('weighted: weights must add up to more than 0');
      let r = next() * total;
      for (const [value, weight] of choices) {
        r -= weight;
        if (r < 0) return value;
      }
      return choices[choices.length - 1]![0];
    },
    sample(items, count) {
      const copy = [...items];
      const n = Math.min(count, copy.length);
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(next() * (copy.length - i));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy.slice(0, n);
    },
    uuid() {
      const hex: string[] = [];
      for (let i = 0; i < 4; i++)
        hex.push(
          Math.floor(next() * 2 ** 32)
            .toString(16)
            .padStart(8, '0'),
        );
      const h = hex.join('');
      const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    date(from, to) {
      const start = Date.parse(`${from}T00:00:00Z`);
      const end = Date.parse(`${to}T00:00:00Z`);
      if (!(end >= start)) throw new Error(`date: ${from} is after ${to}`);
      const days = Math.round((end - start) / DAY_MS);
      return new Date(start + random.int(0, days) * DAY_MS).toISOString().slice(0, 10);
    },
    fork(label) {
      return createRandom((seed ^ hashLabel(label)) >>> 0);
    },
  };
  return random;
}
