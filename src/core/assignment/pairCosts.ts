// c(o, i) of docs/draw-spec.md §8 streamed per visit, keeping each visit's cheapest candidates:
// shared by the single-thread matching (matchInspectors.ts) and the worker threads that compute
// the same lists on several cores (src/server/draws/parallelMatching.ts). Pure: no Node-only imports.
import { TAGS, encodeTagged } from '../draw/encoding.ts';
import type { HashAlgorithm } from '../hash/index.ts';
import { makePartHasher, type PartHasher } from '../hash/prefixed.ts';
import { SM3X4_MAX_BLOCKS, createSm3x4, laneIndex, type Sm3x4 } from '../hash/sm3x4.ts';
import { listSize, type ImplicitList, type ImplicitStaffingVisit } from './implicitFlow.ts';
import type { LazyStaffingVisit, StaffingCandidate } from './minCostStaffing.ts';

/** The cheapest candidates the solver needs first (docs/draw-spec.md §8, minCostStaffingLazy). */
export interface ListsRequest {
  hash: HashAlgorithm;
  seed: string;
  /** Every inspector's public code, by inspector index. */
  inspectorCodes: readonly string[];
  /** Per visit of the flow: its object id, its eligible people of each kind. */
  visitIds: readonly string[];
  visits: readonly ImplicitStaffingVisit[];
  /** Per visit: how many of each kind to keep (Infinity: every one, the list is complete). */
  keep: readonly number[];
  /** The default of `keep` for a visit with many eligible people. */
  keptPerKind: number;
}

/** Visits from … to − 1 of the request: each kind's cheapest candidates with its bound. */
export function cheapestLists(costs: PairCosts, request: ListsRequest, from: number, to: number): LazyStaffingVisit[] {
  const out: LazyStaffingVisit[] = [];
  for (let v = from; v < to; v++) {
    const visit = request.visits[v]!;
    const e = costs.cheapest(request.visitIds[v]!, visit.enforcement, request.keep[v]!);
    const s = costs.cheapest(request.visitIds[v]!, visit.secondOnly, request.keep[v]!);
    out.push({ enforcement: e.candidates, enforcementBound: e.bound, secondOnly: s.candidates, secondOnlyBound: s.bound });
  }
  return out;
}

/**
 * c(o, i) of docs/draw-spec.md §8 for one visit against a list of people, keeping only the
 * cheapest: the object id is encoded once per visit, every inspector code once, and a cost is
 * compared as two 32-bit words, so a pool of 10⁸ pairs is streamed without 10⁸ BigInts.
 */
export class PairCosts {
  private readonly hasher: PartHasher;
  private readonly codes: Uint8Array[];
  private readonly encoder = new TextEncoder();
  /** SM3 four lanes at a time where the pair fits one block (sm3x4.ts); null: one at a time. */
  private readonly lanes: Sm3x4 | null;
  private readonly queuedWho = new Int32Array(SM3X4_MAX_BLOCKS);
  /** The tag-and-seed prefix's bytes after its whole blocks, and its length. */
  private readonly carried: Uint8Array;
  private readonly prefixLength: number;
  /** Per byte offset: every inspector's code as 16 block words (zero elsewhere), 16 words per inspector. */
  private readonly codeWords = new Map<number, Int32Array>();

  constructor(alg: HashAlgorithm, seed: string, inspectorCodes: readonly string[]) {
    const prefix = encodeTagged(TAGS.assign, [seed]);
    this.hasher = makePartHasher(alg, prefix);
    this.codes = inspectorCodes.map((code) => this.encoder.encode(code));
    this.lanes = alg === 'sm3' ? createSm3x4() : null;
    this.lanes?.state.set(this.hasher.prefixState);
    this.carried = prefix.subarray((prefix.length >>> 6) << 6);
    this.prefixLength = prefix.length;
  }

  /**
   * The last block of H(prefix ‖ u32be(len o) ‖ o ‖ u32be(len i) ‖ i) with the inspector's bytes
   * left zero, when o and a code of `codeLength` bytes fit in it with the padding; else null.
   */
  private template(object: Uint8Array, codeLength: number): Int32Array | null {
    const carried = this.carried;
    const end = carried.length + 8 + object.length + codeLength;
    if (end + 9 > 64) return null;
    const block = new Uint8Array(64);
    block.set(carried);
    let at = carried.length;
    new DataView(block.buffer).setUint32(at, object.length);
    block.set(object, at + 4);
    at += 4 + object.length;
    new DataView(block.buffer).setUint32(at, codeLength);
    block[end] = 0x80;
    const bits = (this.prefixLength + 8 + object.length + codeLength) * 8;
    new DataView(block.buffer).setUint32(56, Math.floor(bits / 0x100000000));
    new DataView(block.buffer).setUint32(60, bits >>> 0);
    return Int32Array.from({ length: 16 }, (_, j) => new DataView(block.buffer).getInt32(j * 4));
  }

  private codesAt(offset: number): Int32Array {
    let words = this.codeWords.get(offset);
    if (words) return words;
    words = new Int32Array(this.codes.length * 16);
    this.codes.forEach((code, i) => {
      for (let b = 0; b < code.length && offset + b < 64; b++)
        words![i * 16 + ((offset + b) >>> 2)]! |= code[b]! << (24 - (((offset + b) & 3) << 3));
    });
    this.codeWords.set(offset, words);
    return words;
  }

  /**
   * The `keep` cheapest eligible candidates of `list` (ties: lower index first), plus every one
   * `also` accepts, in ascending inspector order; `bound` is the most any kept one of the
   * cheapest costs (no candidate left out costs less), or null when none is left out.
   */
  cheapest(
    objectId: string,
    list: ImplicitList,
    keep: number,
    also?: (c: StaffingCandidate) => boolean,
  ): { candidates: StaffingCandidate[]; bound: bigint | null } {
    const object = this.encoder.encode(objectId);
    const size = listSize(list);
    const everyone = keep >= size;
    const n = everyone ? size : keep;
    // the n cheapest so far, sorted by (cost, index): cost as its high and low 32-bit words
    const hi = new Float64Array(n + 1);
    const lo = new Float64Array(n + 1);
    const who = new Int32Array(n + 1);
    let count = 0;
    const extra: StaffingCandidate[] = [];
    const big = (h: number, l: number) => (BigInt(h) << 32n) | BigInt(l);
    // (h, l, i) before the kept one at k: cheaper, or as cheap with a lower index
    const before = (h: number, l: number, i: number, k: number) =>
      h < hi[k]! || (h === hi[k]! && (l < lo[k]! || (l === lo[k]! && i < who[k]!)));
    const consider = (i: number, h: number, l: number) => {
      if (count === n && !before(h, l, i, n - 1)) {
        if (also) {
          const c = { inspector: i, cost: big(h, l) };
          if (also(c)) extra.push(c);
        }
        return;
      }
      // insert, dropping the most expensive when full (left out from now on)
      let k = count;
      if (count < n) count++;
      else {
        k = n - 1;
        if (also) {
          const c = { inspector: who[k]!, cost: big(hi[k]!, lo[k]!) };
          if (also(c)) extra.push(c);
        }
      }
      while (k > 0 && before(h, l, i, k - 1)) {
        hi[k] = hi[k - 1]!;
        lo[k] = lo[k - 1]!;
        who[k] = who[k - 1]!;
        k--;
      }
      hi[k] = h;
      lo[k] = l;
      who[k] = i;
    };
    const lanes = this.lanes;
    const queuedWho = this.queuedWho;
    let queued = 0;
    const flush = () => {
      lanes!.compress(queued);
      const blocks = lanes!.blocks;
      for (let q = 0; q < queued; q++) consider(queuedWho[q]!, blocks[laneIndex(q, 0)]! >>> 0, blocks[laneIndex(q, 1)]! >>> 0);
      queued = 0;
    };
    // one template per code length (codes are usually all as long)
    const templates = new Map<number, { words: Int32Array; codes: Int32Array } | null>();
    const templateFor = (length: number) => {
      if (!templates.has(length)) {
        const words = lanes ? this.template(object, length) : null;
        templates.set(length, words && { words, codes: this.codesAt(this.carried.length + 8 + object.length) });
      }
      return templates.get(length)!;
    };
    let x = 0;
    for (let p = 0; p < list.base.length; p++) {
      const i = list.base[p]!;
      if (x < list.excluded.length && list.excluded[x] === i) {
        x++;
        continue;
      }
      const code = this.codes[i]!;
      const t = templateFor(code.length);
      if (t) {
        const blocks = lanes!.blocks;
        const at = laneIndex(queued, 0);
        const words = t.words;
        const codes = t.codes;
        const c = i * 16;
        for (let j = 0; j < 16; j++) blocks[at + 4 * j] = words[j]! | codes[c + j]!;
        queuedWho[queued++] = i;
        if (queued === SM3X4_MAX_BLOCKS) flush();
        continue;
      }
      const d = this.hasher.digestTwoParts(object, 0, object.length, code, 0, code.length);
      consider(i, d[0]! >>> 0, d[1]! >>> 0);
    }
    if (queued > 0) flush();
    const candidates: StaffingCandidate[] = [];
    for (let k = 0; k < count; k++) candidates.push({ inspector: who[k]!, cost: big(hi[k]!, lo[k]!) });
    candidates.push(...extra);
    candidates.sort((a, b) => a.inspector - b.inspector);
    return { candidates, bound: everyone ? null : big(hi[n - 1]!, lo[n - 1]!) };
  }
}
