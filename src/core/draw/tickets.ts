// Tickets (draw-spec §5): ticket(id) = H("ssj-draw/1/ticket", seed, id), read as a 256-bit
// unsigned big-endian integer. Comparing the 32 digest bytes left to right is exactly that
// integer order, so tickets stay bytes: no BigInt and no hex string per object.
import { hashBytes, type HashAlgorithm } from '../hash/index.ts';
import { TAGS, compareUtf8, encodeTagged, writeU32be } from './encoding.ts';

export type Ticketer = (id: string) => Uint8Array;

/**
 * Returns ticket(id) for one seed. The tag and seed prefix is encoded once and the id is
 * written into a reused buffer, so an object costs one hash call and its digest.
 */
export function makeTicketer(alg: HashAlgorithm, seed: string): Ticketer {
  const prefix = encodeTagged(TAGS.ticket, [seed]);
  const encoder = new TextEncoder();
  let buffer = new Uint8Array(prefix.length + 4 + 64);
  buffer.set(prefix);
  return (id: string) => {
    const room = prefix.length + 4 + id.length * 3; // UTF-8 needs at most 3 bytes per UTF-16 unit
    if (buffer.length < room) {
      buffer = new Uint8Array(room);
      buffer.set(prefix);
    }
    const { written } = encoder.encodeInto(id, buffer.subarray(prefix.length + 4));
    writeU32be(buffer, prefix.length, written);
    return hashBytes(alg, buffer.subarray(0, prefix.length + 4 + written));
  };
}

/** Ticket order as 256-bit big-endian integers (draw-spec §5). */
export function compareTickets(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

/** Ticket order, ties (never expected) broken by id bytes (draw-spec §5). */
export function compareTicketThenId(a: { ticket: Uint8Array; id: string }, b: { ticket: Uint8Array; id: string }): number {
  return compareTickets(a.ticket, b.ticket) || compareUtf8(a.id, b.id);
}
