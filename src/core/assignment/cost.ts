// The random cost of docs/draw-spec.md §8: c(o, i) = the first 8 bytes of
// H("ssj-draw/1/assign", seed, o, i), read as a 64-bit unsigned big-endian integer.
// It is a function of the published seed, so anyone can recompute every cost and check
// that the published assignment is the minimum-total-cost feasible one.
import type { HashAlgorithm } from '../hash/index.ts';
import { makePartHasher } from '../hash/prefixed.ts';
import { TAGS, encodeTagged } from '../draw/encoding.ts';

export type AssignmentCoster = (objectId: string, inspectorCode: string) => bigint;

/**
 * c(o, i) for one seed. The tag-and-seed prefix is compressed once (makePartHasher, as for
 * tickets); o and i are written into reused buffers, so a pair costs one short hash.
 */
export function makeAssignmentCoster(alg: HashAlgorithm, seed: string): AssignmentCoster {
  const hasher = makePartHasher(alg, encodeTagged(TAGS.assign, [seed]));
  const encoder = new TextEncoder();
  let objectBytes = new Uint8Array(64);
  let inspectorBytes = new Uint8Array(64);
  return (objectId, inspectorCode) => {
    // ≤3 UTF-8 bytes per UTF-16 unit
    if (objectBytes.length < objectId.length * 3) objectBytes = new Uint8Array(objectId.length * 3);
    if (inspectorBytes.length < inspectorCode.length * 3) inspectorBytes = new Uint8Array(inspectorCode.length * 3);
    const o = encoder.encodeInto(objectId, objectBytes).written;
    const i = encoder.encodeInto(inspectorCode, inspectorBytes).written;
    const digest = hasher.digestTwoParts(objectBytes, 0, o, inspectorBytes, 0, i);
    return (BigInt(digest[0]! >>> 0) << 32n) | BigInt(digest[1]! >>> 0);
  };
}

/** c(o, i) for a single pair (docs/draw-spec.md §8); use makeAssignmentCoster for many pairs. */
export function assignmentCost(alg: HashAlgorithm, seed: string, objectId: string, inspectorCode: string): bigint {
  return makeAssignmentCoster(alg, seed)(objectId, inspectorCode);
}
