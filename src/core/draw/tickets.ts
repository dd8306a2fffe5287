// Tickets (docs/draw-spec.md §5): ticket(id) = H("ssj-draw/1/ticket", seed, id), read as a 256-bit
// unsigned big-endian integer. Comparing the 32 digest bytes left to right is exactly that
// integer order, so tickets stay bytes: no BigInt and no hex string per object.
import type { HashAlgorithm } from '../hash/index.ts';
import { makePartHasher, writeDigestWords } from '../hash/prefixed.ts';
import { TAGS, compareUtf8, encodeTagged } from './encoding.ts';

export type Ticketer = (id: string) => Uint8Array;

/**
 * Returns ticket(id) for one seed. The tag-and-seed prefix is encoded and its full blocks
 * compressed once (makePartHasher); the id is written into a reused buffer, so an object
 * costs one short hash and its 32-byte digest. For whole frames see batchTickets.ts.
 */
export function makeTicketer(alg: HashAlgorithm, seed: string): Ticketer {
  const hasher = makePartHasher(alg, encodeTagged(TAGS.ticket, [seed]));
  const encoder = new TextEncoder();
  let buffer = new Uint8Array(64);
  return (id: string) => {
    if (buffer.length < id.length * 3) buffer = new Uint8Array(id.length * 3); // ≤3 UTF-8 bytes per UTF-16 unit
    const { written } = encoder.encodeInto(id, buffer);
    const ticket = new Uint8Array(32);
    writeDigestWords(hasher.digestPart(buffer, 0, written), ticket, 0);
    return ticket;
  };
}

/** Ticket order as 256-bit big-endian integers (docs/draw-spec.md §5). */
export function compareTickets(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

/** Ticket order, ties (never expected) broken by id bytes (docs/draw-spec.md §5). */
export function compareTicketThenId(a: { ticket: Uint8Array; id: string }, b: { ticket: Uint8Array; id: string }): number {
  return compareTickets(a.ticket, b.ticket) || compareUtf8(a.id, b.id);
}
