// Tickets and selection for a whole frame at once (docs/draw-spec.md §5), the fast path of
// selectGroup (selection.ts) for millions of objects. Same result, byte for byte (tested
// against selectGroup); the difference is only in how the work is done:
// - the frame is packed: UTF-8 ids back to back + offsets + a class code per object, so no
//   JS string and no object per entity;
// - ticket(id) = H("ssj-draw/1/ticket", seed, id) goes through makePartHasher: the constant
//   tag-and-seed prefix block is compressed once per seed, so an 18-byte USCC costs one SM3
//   compression and no allocation;
// - each stratum keeps only candidates for its `wanted` smallest tickets (n_h + reserve_h):
//   a ticket whose first 32-bit word is above the stratum's threshold is dropped at once
//   (almost every ticket of a large stratum), the threshold falling as candidates come in
//   (StratumCollector); the full ticket and the id bytes decide only among the survivors,
//   which alone are sorted — never a sort of all N;
// - selectors over disjoint chunks of a frame merge exactly (mergeSmallestTickets), which is
//   how worker threads split the work (src/server/draws/parallelTickets.ts).
import { makePartHasher } from '../hash/prefixed.ts';
import { SM3X4_MAX_BLOCKS, createSm3x4, laneIndex, type Sm3x4 } from '../hash/sm3x4.ts';
import type { HashAlgorithm } from '../hash/index.ts';
import { ALL_OBJECTS, allocateByRiskClass, allocationBound, type GroupAllocation, type Stratum } from './allocation.ts';
import type { AllocationSpec } from './params.ts';
import { TAGS, compareBytes, compareUtf8, encodeTagged } from './encoding.ts';
import { DrawError } from './errors.ts';
import { RISK_CLASSES, type FrameEntry, type RiskClass } from './frame.ts';
import type { GroupSelection, ReserveEntry, SampleEntry } from './selection.ts';

/** A frame chunk packed for hashing: id k is idBytes[offsets[k], offsets[k + 1]) (UTF-8). */
export interface PackedFrame {
  count: number;
  idBytes: Uint8Array;
  /** count + 1 entries. */
  offsets: Uint32Array;
  /** Index into RISK_CLASSES per object. */
  classes: Uint8Array;
}

/** How many of the smallest tickets to keep per stratum (n_h + reserve_h). */
export type TicketsWanted = Partial<Record<Stratum, number>>;

/** One stratum's smallest tickets, ascending by (ticket, id bytes). */
export interface StratumTickets {
  ids: string[];
  /** 32 bytes per id, same order. */
  tickets: Uint8Array;
}

export type SmallestTickets = Partial<Record<Stratum, StratumTickets>>;

const CLASS_CODE: Record<string, number> = Object.fromEntries(RISK_CLASSES.map((c, i) => [c, i]));

/** Packs frame entries (docs/draw-spec.md §2) for the batch path. */
export function packFrame(entries: readonly FrameEntry[]): PackedFrame {
  const encoder = new TextEncoder();
  let capacity = 0;
  for (const e of entries) capacity += e.id.length * 3; // ≤3 UTF-8 bytes per UTF-16 unit
  const idBytes = new Uint8Array(capacity);
  const offsets = new Uint32Array(entries.length + 1);
  const classes = new Uint8Array(entries.length);
  let at = 0;
  entries.forEach((e, k) => {
    at += encoder.encodeInto(e.id, idBytes.subarray(at)).written;
    offsets[k + 1] = at;
    const code = CLASS_CODE[e.class];
    if (code === undefined)
      throw new DrawError('DRAW_BAD_FRAME', `抽查名录第 ${k + 1} 个主体的风险分类 ${JSON.stringify(e.class)} 不是 A/B/C/D/U 之一`);
    classes[k] = code;
  });
  return { count: entries.length, idBytes: idBytes.subarray(0, at), offsets, classes };
}

const LETTER_CODE: (number | undefined)[] = [];
RISK_CLASSES.forEach((c, i) => (LETTER_CODE[c.charCodeAt(0)] = i));

/**
 * How many tickets each stratum needs: n_h plus the reserve (docs/draw-spec.md §5). Asking for
 * n_h + reserve is exactly selectGroup's n_h + min(reserve, N_h − n_h), because a stratum
 * cannot return more objects than it has; a stratum drawing nothing needs none.
 */
export function ticketsWanted(allocation: GroupAllocation, reserve: number): TicketsWanted {
  const wanted: TicketsWanted = {};
  for (const stratum of strataOf(allocation)) {
    const n = allocation[stratum]?.n ?? 0;
    wanted[stratum] = n === 0 ? 0 : n + reserve;
  }
  return wanted;
}

/**
 * How many tickets to keep per stratum when only estimates of the class counts are known (the
 * planner's statistics, last year's counts): the allocation of the estimate plus a margin,
 * never above allocationBound for `maxObjects`. Far fewer than that bound when a class is
 * small, so far less to keep and sort; whether it was enough shows at the end (covers) — if
 * not, the caller hashes the frame again with the exact counts.
 */
export function ticketsWantedEstimate(
  spec: AllocationSpec,
  estimate: Record<RiskClass, number>,
  maxObjects: number,
  reserve: number,
  margin = 0.1,
): TicketsWanted {
  const bound = allocationBound(spec, maxObjects);
  const likely = allocateByRiskClass(spec, estimate);
  const wanted: TicketsWanted = {};
  for (const [stratum, most] of Object.entries(bound) as [Stratum, number][]) {
    const n = likely[stratum]?.n ?? 0;
    wanted[stratum] = most === 0 ? 0 : Math.min(most, Math.ceil(n * (1 + margin)) + 100) + reserve;
  }
  return wanted;
}

/** Did a selector started with `kept` keep every ticket `needed` asks for? */
export function covers(kept: TicketsWanted, needed: TicketsWanted): boolean {
  return (Object.entries(needed) as [Stratum, number][]).every(([stratum, n]) => !n || n <= (kept[stratum] ?? 0));
}

function strataOf(allocation: GroupAllocation): Stratum[] {
  return allocation[ALL_OBJECTS] ? [ALL_OBJECTS] : [...RISK_CLASSES];
}

/**
 * The `wanted` smallest (ticket, id bytes) of one stratum, in amortised O(1) per object: a
 * candidate is kept only if its first ticket word is ≤ the threshold; when the buffer holds
 * 2·wanted candidates, the threshold drops to the wanted-th smallest first word (quickselect)
 * and everything above it goes. Exact: a dropped or refused candidate always has at least
 * `wanted` kept candidates strictly smaller than it. Only the survivors are sorted, at the end.
 */
export class StratumCollector {
  wanted: number;
  private limit: number;
  private size = 0;
  private threshold = 0xffffffff;
  private words: Uint32Array;
  private idStart: Uint32Array;
  private idLength: Uint32Array;
  private arena: Uint8Array;
  private arenaUsed = 0;
  private scratch: Uint32Array;

  constructor(wanted: number) {
    this.wanted = wanted;
    this.limit = Math.max(2 * wanted, 64);
    this.words = new Uint32Array(this.limit * 8);
    this.idStart = new Uint32Array(this.limit);
    this.idLength = new Uint32Array(this.limit);
    this.arena = new Uint8Array(this.limit * 24);
    this.scratch = new Uint32Array(this.limit);
  }

  /** The ticket is digest[first + j · stride], j < 8 (big-endian words); the id bytes[start, end). */
  offer(digest: Int32Array, first: number, stride: number, bytes: Uint8Array, start: number, end: number): void {
    if (digest[first]! >>> 0 > this.threshold) return;
    if (this.size === this.limit) {
      this.prune();
      if (digest[first]! >>> 0 > this.threshold) return;
    }
    const slot = this.size++;
    const base = slot * 8;
    const w = this.words;
    for (let j = 0; j < 8; j++) w[base + j] = digest[first + j * stride]!;
    const length = end - start;
    if (this.arenaUsed + length > this.arena.length) {
      const grown = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + length));
      grown.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = grown;
    }
    const arena = this.arena;
    let at = this.arenaUsed;
    this.idStart[slot] = at;
    this.idLength[slot] = length;
    for (let i = start; i < end; i++) arena[at++] = bytes[i]!;
    this.arenaUsed = at;
  }

  /**
   * Kept entries ascending by (ticket, id bytes), at most `wanted` — or `limit`, when fewer
   * are needed after all (kept for estimated counts, ticketsWantedEstimate): only those are
   * sorted.
   */
  sorted(limit = this.wanted): StratumTickets {
    if (limit < this.wanted) this.wanted = Math.max(limit, 0);
    if (this.wanted === 0) return { ids: [], tickets: new Uint8Array(0) };
    if (this.size > this.wanted) this.prune(); // up to 2·wanted survivors: sort about half
    const order = this.sortedSlots();
    order.length = Math.min(order.length, this.wanted);
    // Tickets as bytes (big-endian words); the ids joined by newlines (which no id contains,
    // frame.ts checkId) and decoded in one call.
    const tickets = new Uint8Array(order.length * 32);
    let idBytes = 0;
    for (const slot of order) idBytes += this.idLength[slot]! + 1;
    const joined = new Uint8Array(idBytes);
    let at = 0;
    order.forEach((slot, k) => {
      for (let j = 0; j < 8; j++) {
        const w = this.words[slot * 8 + j]!;
        const o = k * 32 + j * 4;
        tickets[o] = w >>> 24;
        tickets[o + 1] = w >>> 16;
        tickets[o + 2] = w >>> 8;
        tickets[o + 3] = w;
      }
      const s = this.idStart[slot]!;
      joined.set(this.arena.subarray(s, s + this.idLength[slot]!), at);
      at += this.idLength[slot]!;
      joined[at++] = 0x0a;
    });
    const ids = order.length === 0 ? [] : new TextDecoder().decode(joined.subarray(0, at - 1)).split('\n');
    return { ids, tickets };
  }

  // Slots ascending by (ticket, id bytes): a native numeric sort of (first ticket word, slot)
  // packed in one float64 (exact below 2^53: 32 + 20 bits), then runs of equal first words —
  // one in four billion for a real hash — re-sorted by the whole ticket and the id.
  private sortedSlots(): number[] {
    const n = this.size;
    if (n >= 1 << 20) return Array.from({ length: n }, (_, i) => i).sort((a, b) => this.compareSlots(a, b));
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = this.words[i * 8]! * 1048576 + i;
    keys.sort();
    const order = Array.from(keys, (key) => key % 1048576);
    for (let i = 0; i < n;) {
      let j = i + 1;
      while (j < n && this.words[order[j]! * 8] === this.words[order[i]! * 8]) j++;
      if (j - i > 1) {
        const run = order.slice(i, j).sort((a, b) => this.compareSlots(a, b));
        for (let k = 0; k < run.length; k++) order[i + k] = run[k]!;
      }
      i = j;
    }
    return order;
  }

  private prune(): void {
    const n = this.size;
    const firsts = this.scratch;
    for (let i = 0; i < n; i++) firsts[i] = this.words[i * 8]!;
    const cut = kthSmallest(firsts, n, this.wanted - 1);
    // Keep first word ≤ cut, in place and in order (destinations never pass sources).
    const w = this.words;
    const arena = this.arena;
    let kept = 0;
    let at = 0;
    for (let i = 0; i < n; i++) {
      if (w[i * 8]! > cut) continue;
      if (kept !== i) w.copyWithin(kept * 8, i * 8, i * 8 + 8);
      const s = this.idStart[i]!;
      const length = this.idLength[i]!;
      if (at !== s) arena.copyWithin(at, s, s + length);
      this.idStart[kept] = at;
      this.idLength[kept] = length;
      at += length;
      kept++;
    }
    this.size = kept;
    this.arenaUsed = at;
    this.threshold = cut;
    // Many equal first words (never with a real hash) could leave the buffer full: grow it.
    if (kept > this.limit - this.wanted / 2) this.grow();
  }

  private grow(): void {
    this.limit *= 2;
    const words = new Uint32Array(this.limit * 8);
    words.set(this.words);
    this.words = words;
    const idStart = new Uint32Array(this.limit);
    idStart.set(this.idStart);
    this.idStart = idStart;
    const idLength = new Uint32Array(this.limit);
    idLength.set(this.idLength);
    this.idLength = idLength;
    this.scratch = new Uint32Array(this.limit);
  }

  private compareSlots(x: number, y: number): number {
    const w = this.words;
    for (let j = 0; j < 8; j++) {
      const a = w[x * 8 + j]!;
      const b = w[y * 8 + j]!;
      if (a !== b) return a < b ? -1 : 1;
    }
    const sx = this.idStart[x]!;
    const sy = this.idStart[y]!;
    return compareBytes(this.arena, sx, sx + this.idLength[x]!, this.arena, sy, sy + this.idLength[y]!); // §5 tie-break by id bytes
  }
}

// The k-th smallest (0-based) of values[0, n), reordering values (Hoare quickselect).
function kthSmallest(values: Uint32Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

/**
 * Excluded ids (docs/draw-spec.md §2), ascending by bytes, checked against frame lines that
 * ascend too: a merge walk, one byte comparison or two per line, no string per line. `joined`:
 * the ids' UTF-8 bytes, each followed by a newline (excludedIdsText).
 */
class ExcludedIdWalk {
  private readonly bytes: Uint8Array;
  /** Id k is bytes[starts[k], starts[k + 1] - 1). */
  private readonly starts: Uint32Array;
  private readonly count: number;
  private next = 0;
  private seeking = true;

  constructor(joined: Uint8Array) {
    let count = 0;
    for (let i = joined.indexOf(0x0a); i >= 0; i = joined.indexOf(0x0a, i + 1)) count++;
    this.bytes = joined;
    this.count = count;
    this.starts = new Uint32Array(count + 1);
    for (let k = 0, at = 0; k < count; k++) this.starts[k + 1] = at = joined.indexOf(0x0a, at) + 1;
  }

  /** The next ids come in a new run (a chunk of the frame): find the place by binary search. */
  restart(): void {
    this.seeking = true;
  }

  /** Is the id bytes[start, end) excluded? Within a run, ids must ascend by bytes. */
  has(bytes: Uint8Array, start: number, end: number): boolean {
    const { starts } = this;
    if (this.seeking) {
      let lo = 0;
      let hi = this.count;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compareBytes(this.bytes, starts[mid]!, starts[mid + 1]! - 1, bytes, start, end) < 0) lo = mid + 1;
        else hi = mid;
      }
      this.next = lo;
      this.seeking = false;
    }
    while (this.next < this.count) {
      const k = this.next;
      const order = compareBytes(this.bytes, starts[k]!, starts[k + 1]! - 1, bytes, start, end);
      if (order > 0) return false;
      this.next++;
      if (order === 0) return true;
    }
    return false;
  }
}

/** Excluded ids for SmallestTicketSelector's `excluded`: UTF-8, each followed by a newline (ids ascending by bytes). */
export function excludedIdsText(ids: readonly string[]): Uint8Array {
  return new TextEncoder().encode(ids.map((id) => `${id}\n`).join(''));
}

/**
 * Keeps the smallest tickets per stratum over any number of frame chunks. With `excluded`
 * (excludedIdsText), those ids are skipped — not hashed, not counted in any stratum — so a
 * frame file hashed whole, exclusions included, gives the eligible objects' tickets (the
 * ids of each chunk ascending by bytes, as in a frame file).
 */
export class SmallestTicketSelector {
  private readonly byClass: (StratumCollector | null)[];
  /** Mode `none`: one stratum "*" for all objects (null inside when it draws nothing). */
  private readonly pooledMode: boolean;
  private readonly pooled: StratumCollector | null;
  private readonly hasher;
  private added = 0;
  /** SM3 four tickets at a time where WebAssembly SIMD is available, else null. */
  private readonly lanes: Sm3x4 | null;
  /** One-block tickets written to the lanes, not yet compressed; per ticket its id's place and its stratum. */
  private queued = 0;
  private readonly laneStart = new Int32Array(SM3X4_MAX_BLOCKS);
  private readonly laneEnd = new Int32Array(SM3X4_MAX_BLOCKS);
  private readonly laneHeap: StratumCollector[] = [];
  private readonly excluded: ExcludedIdWalk | null;

  constructor(alg: HashAlgorithm, seed: string, wanted: TicketsWanted, options: { lanes?: boolean; excluded?: Uint8Array } = {}) {
    this.excluded = options.excluded && options.excluded.length > 0 ? new ExcludedIdWalk(options.excluded) : null;
    this.hasher = makePartHasher(alg, encodeTagged(TAGS.ticket, [seed]));
    this.lanes = alg === 'sm3' && options.lanes !== false ? createSm3x4() : null;
    this.lanes?.state.set(this.hasher.prefixState);
    this.pooledMode = wanted[ALL_OBJECTS] !== undefined;
    this.pooled = wanted[ALL_OBJECTS] ? new StratumCollector(wanted[ALL_OBJECTS]) : null;
    this.byClass = RISK_CLASSES.map((c) => (this.pooledMode || !wanted[c] ? null : new StratumCollector(wanted[c]!)));
  }

  /** Objects read so far (those of a stratum drawing nothing and excluded ones included). */
  get count(): number {
    return this.added;
  }

  add(frame: PackedFrame): void {
    const { idBytes, offsets, classes, count } = frame;
    const { pooled, pooledMode, byClass, excluded } = this;
    this.queued = 0;
    excluded?.restart();
    for (let k = 0; k < count; k++) {
      const heap = pooledMode ? pooled : byClass[classes[k]!];
      if (heap && !excluded?.has(idBytes, offsets[k]!, offsets[k + 1]!)) this.offerId(heap, idBytes, offsets[k]!, offsets[k + 1]!); // a stratum drawing nothing needs no ticket
    }
    this.flush(idBytes);
    this.added += count;
  }

  /**
   * The same for frame-file bytes (`id\tclass\n` lines, docs/draw-spec.md §2, whole lines), hashed
   * where they lie: nothing is packed or copied except the candidates kept. After an error
   * (a malformed line) the selector must not be used.
   */
  addText(text: Uint8Array): void {
    const { pooled, pooledMode, byClass, excluded } = this;
    this.queued = 0;
    excluded?.restart();
    let lines = 0;
    let start = 0;
    const length = text.length;
    for (let end = 0; end < length; end++) {
      if (text[end] !== 0x0a) continue;
      const tab = end - 2;
      const code = tab > start && text[tab] === 0x09 ? LETTER_CODE[text[end - 1]!] : undefined;
      if (code === undefined) throw new DrawError('DRAW_BAD_FRAME', `抽查名录第 ${lines + 1} 行应为“主体代码<TAB>风险分类(A/B/C/D/U)”`);
      const heap = pooledMode ? pooled : byClass[code];
      if (heap && !excluded?.has(text, start, tab)) this.offerId(heap, text, start, tab);
      lines++;
      start = end + 1;
    }
    if (start !== text.length) throw new DrawError('DRAW_BAD_FRAME', `抽查名录最后一行缺少换行符`);
    this.flush(text);
    this.added += lines;
  }

  // The ticket of the id bytes[start, end) for `heap`. With WebAssembly SIMD, an id that fits
  // one block (every real one) is queued and hashed four at a time (sm3x4.ts); any other at
  // once. The result does not depend on the order of offers. Queued ids point into `bytes`:
  // the caller flushes with the same bytes before it returns.
  private offerId(heap: StratumCollector, bytes: Uint8Array, start: number, end: number): void {
    const lanes = this.lanes;
    if (lanes && this.hasher.writeOneBlock(bytes, start, end, lanes.blocks, laneIndex(this.queued, 0), 4)) {
      const k = this.queued++;
      this.laneStart[k] = start;
      this.laneEnd[k] = end;
      this.laneHeap[k] = heap;
      if (this.queued === SM3X4_MAX_BLOCKS) this.flush(bytes);
    } else heap.offer(this.hasher.digestPart(bytes, start, end), 0, 1, bytes, start, end);
  }

  private flush(bytes: Uint8Array): void {
    const queued = this.queued;
    if (queued === 0) return;
    const blocks = this.lanes!.blocks;
    this.lanes!.compress(queued);
    for (let k = 0; k < queued; k++) this.laneHeap[k]!.offer(blocks, laneIndex(k, 0), 4, bytes, this.laneStart[k]!, this.laneEnd[k]!);
    this.queued = 0;
  }

  /**
   * Per stratum the smallest tickets, ascending. `wanted`, when given, may ask for fewer than
   * the selector was built with (the exact counts, once a frame read against estimated counts
   * is complete); the selector cannot be used after.
   */
  result(wanted?: TicketsWanted): SmallestTickets {
    const limit = (stratum: Stratum, heap: StratumCollector) => (wanted ? (wanted[stratum] ?? 0) : heap.wanted);
    if (this.pooledMode) return this.pooled ? { [ALL_OBJECTS]: this.pooled.sorted(limit(ALL_OBJECTS, this.pooled)) } : {};
    const out: SmallestTickets = {};
    RISK_CLASSES.forEach((c, i) => {
      const heap = this.byClass[i];
      if (heap) out[c] = heap.sorted(limit(c, heap));
    });
    return out;
  }
}

/**
 * Merges the results of selectors over disjoint chunks of one frame: per stratum the
 * `wanted` smallest of the union, which is what one selector over the whole frame returns.
 */
export function mergeSmallestTickets(parts: readonly SmallestTickets[], wanted: TicketsWanted): SmallestTickets {
  const out: SmallestTickets = {};
  for (const [stratum, count] of Object.entries(wanted) as [Stratum, number][]) {
    if (!count) continue;
    const lists = parts.map((p) => p[stratum]).filter((l): l is StratumTickets => !!l && l.ids.length > 0);
    const heads = lists.map(() => 0);
    const ids: string[] = [];
    const tickets = new Uint8Array(count * 32);
    while (ids.length < count) {
      let best = -1;
      for (let l = 0; l < lists.length; l++) {
        if (heads[l]! >= lists[l]!.ids.length) continue;
        if (best < 0 || compareHead(lists[l]!, heads[l]!, lists[best]!, heads[best]!) < 0) best = l;
      }
      if (best < 0) break;
      const h = heads[best]!++;
      tickets.set(lists[best]!.tickets.subarray(h * 32, h * 32 + 32), ids.length * 32);
      ids.push(lists[best]!.ids[h]!);
    }
    out[stratum] = { ids, tickets: tickets.slice(0, ids.length * 32) };
  }
  return out;
}

// Ticket i of a against ticket j of b as 256-bit big-endian integers, then id bytes (§5).
function compareHead(a: StratumTickets, i: number, b: StratumTickets, j: number): number {
  const x = a.tickets;
  const y = b.tickets;
  for (let p = 0; p < 32; p++) {
    const d = x[i * 32 + p]! - y[j * 32 + p]!;
    if (d !== 0) return d;
  }
  return compareUtf8(a.ids[i]!, b.ids[j]!);
}

/**
 * The group's sample and reserves from its smallest tickets, in selectGroup's form
 * (strata A, B, C, D, U or "*", each by rank; reserve ranks restart at 1).
 */
export function selectionFromSmallest(group: string, allocation: GroupAllocation, smallest: SmallestTickets): GroupSelection {
  const sample: SampleEntry[] = [];
  const reserves: ReserveEntry[] = [];
  for (const stratum of strataOf(allocation)) {
    const n = allocation[stratum]?.n ?? 0;
    const list = smallest[stratum];
    if (n === 0 || !list) continue;
    // All tickets of the stratum as one hex string, cut per entry: one decode instead of 64
    // string concatenations per ticket (a 3 % sample of 4 M objects is 120,000 tickets).
    const hex = ticketsHex(list.tickets);
    list.ids.forEach((id, i) => {
      const ticket = hex.slice(i * 64, i * 64 + 64);
      if (i < n) sample.push({ group, id, class: stratum, ticket, rank: i + 1 });
      else reserves.push({ group, id, class: stratum, ticket, rank: i - n + 1, used: false, reason: null });
    });
  }
  return { sample, reserves };
}

const HEX_CODES = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

// Lower-case hex of all bytes (docs/draw-spec.md §1), as one string.
function ticketsHex(bytes: Uint8Array): string {
  const ascii = new Uint8Array(bytes.length * 2);
  for (let i = 0; i < bytes.length; i++) {
    ascii[2 * i] = HEX_CODES[bytes[i]! >>> 4]!;
    ascii[2 * i + 1] = HEX_CODES[bytes[i]! & 15]!;
  }
  return new TextDecoder().decode(ascii);
}

/** selectGroup over a packed frame on one thread (docs/draw-spec.md §5): identical result. */
export function selectGroupPacked(
  group: string,
  frame: PackedFrame,
  allocation: GroupAllocation,
  reserve: number,
  alg: HashAlgorithm,
  seed: string,
): GroupSelection {
  const selector = new SmallestTicketSelector(alg, seed, ticketsWanted(allocation, reserve));
  selector.add(frame);
  return selectionFromSmallest(group, allocation, selector.result());
}
