// The random cost of draw-spec §8: c(o, i) = the first 8 bytes of
// H("ssj-draw/1/assign", seed, o, i), read as a 64-bit unsigned big-endian integer.
// It is a function of the published seed, so anyone can recompute every cost and check
// that the published assignment is the minimum-total-cost feasible one.
import { hashBytes, type HashAlgorithm } from '../hash/index.ts';
import { TAGS, encodeTagged, writeU32be } from '../draw/encoding.ts';

export type AssignmentCoster = (objectId: string, inspectorCode: string) => bigint;

/** c(o, i) for one seed; the tag-and-seed prefix is encoded once (as makeTicketer does). */
export function makeAssignmentCoster(alg: HashAlgorithm, seed: string): AssignmentCoster {
  const prefix = encodeTagged(TAGS.assign, [seed]);
  const encoder = new TextEncoder();
  let buffer = new Uint8Array(prefix.length + 8 + 128);
  buffer.set(prefix);
  return (objectId, inspectorCode) => {
    const room = prefix.length + 8 + (objectId.length + inspectorCode.length) * 3; // ≤3 UTF-8 bytes per UTF-16 unit
    if (buffer.length < room) {
      buffer = new Uint8Array(room);
      buffer.set(prefix);
    }
    let at = prefix.length;
    const o = encoder.encodeInto(objectId, buffer.subarray(at + 4)).written;
    writeU32be(buffer, at, o);
    at += 4 + o;
    const i = encoder.encodeInto(inspectorCode, buffer.subarray(at + 4)).written;
    writeU32be(buffer, at, i);
    at += 4 + i;
    const digest = hashBytes(alg, buffer.subarray(0, at));
    const view = new DataView(digest.buffer, digest.byteOffset, 8);
    return (BigInt(view.getUint32(0)) << 32n) | BigInt(view.getUint32(4));
  };
}

/** c(o, i) for a single pair (draw-spec §8); use makeAssignmentCoster for many pairs. */
export function assignmentCost(alg: HashAlgorithm, seed: string, objectId: string, inspectorCode: string): bigint {
  return makeAssignmentCoster(alg, seed)(objectId, inspectorCode);
}
