// Reading a frame file (docs/draw-spec.md §2) straight out of the database: `COPY (SELECT id, class
// … ORDER BY id) TO STDOUT` in text format already is the file — `id\tclass\n` per row — so
// it streams to the reader and the ticket workers without a row object or a string per
// object. PostgreSQL's COPY text format escapes a backslash in a value (and control
// characters, which a frame id may not contain anyway); an id with a backslash would thus
// not read back as itself, so such a frame is refused here rather than hashed wrongly.
import { createHash } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import { DrawError } from '../../core/draw/errors.ts';
import type { HashAlgorithm } from '../../core/hash/index.ts';
import type { StreamingHash } from '../../core/hash/streaming.ts';

/**
 * Pieces of whole lines of the frame file produced by `query` (two columns: id, class; in
 * byte order of id: ORDER BY id with COLLATE "C").
 */
export async function* copyFrameFile(database: Database, query: string, minPieceBytes = 4 << 20): AsyncGenerator<Uint8Array> {
  for await (const piece of database.copyOut(query, minPieceBytes)) {
    if (piece.indexOf(0x5c) >= 0)
      throw new DrawError('DRAW_BAD_FRAME', '抽查名录中有主体代码含反斜杠“\\”，无法按名录文件原样导出；请先更正该主体代码');
    yield piece;
  }
}

/**
 * The frame file's HASH by node:crypto (OpenSSL's SM3 and SHA-256, about twice the pure
 * TypeScript speed on a long file): same bytes in, same digest out as createStreamingHash
 * (tested), for FrameReader on the server. The browser verifier keeps the pure one.
 */
export function nativeStreamingHash(alg: HashAlgorithm): StreamingHash {
  if (alg !== 'sm3' && alg !== 'sha256') throw new Error(`unsupported hash algorithm ${JSON.stringify(alg)}; use "sm3" or "sha256"`);
  const hash = createHash(alg);
  return {
    update: (bytes) => void hash.update(bytes),
    digest: () => new Uint8Array(hash.digest()),
  };
}

// PostgreSQL's binary COPY format: the signature, flags and header-extension length, then per
// row a field count (int16) and per field its length (int32) and bytes; -1 (int16) ends it.
const BINARY_SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];

/**
 * A stored frame file — the one text value that `query` selects (one row, one column) — read
 * as it arrives through a binary COPY, in pieces of whole lines of at least `minPieceBytes`
 * (except the last) in shared memory (the ticket workers read them where they lie). The bytes
 * are the value's UTF-8 exactly: no escaping, no string of the whole file. A file that does not
 * end with a newline ends with its partial line, for the reader to refuse.
 */
export async function* storedFramePieces(database: Database, query: string, minPieceBytes = 4 << 20): AsyncGenerator<Uint8Array> {
  let head: Uint8Array = new Uint8Array(0); // bytes before the value, until its length is known
  let remaining = -1; // bytes of the value still to come; -1 before its header
  let tail: Uint8Array = new Uint8Array(0); // bytes after the value (the trailer)
  let parts: Uint8Array[] = [];
  let size = 0;
  const cut = (final: boolean): Uint8Array | null => {
    if (size === 0 || (!final && size < minPieceBytes)) return null;
    let end = size;
    if (!final) {
      // The last newline: scanned backwards through the parts, without joining them first.
      end = -1;
      for (let p = parts.length - 1, before = size; p >= 0 && end < 0; p--) {
        before -= parts[p]!.length;
        const at = parts[p]!.lastIndexOf(0x0a);
        if (at >= 0) end = before + at + 1;
      }
      if (end <= 0) return null;
    }
    const piece = new Uint8Array(new SharedArrayBuffer(end));
    const rest: Uint8Array[] = [];
    let at = 0;
    for (const part of parts) {
      const take = Math.min(part.length, end - at);
      if (take > 0) piece.set(take === part.length ? part : part.subarray(0, take), at);
      if (take < part.length) rest.push(part.subarray(Math.max(0, take)));
      at += Math.max(0, take);
    }
    parts = rest;
    size -= end;
    return piece;
  };
  for await (const chunk of database.copyOutBinary(query)) {
    let data: Uint8Array = chunk;
    if (remaining < 0) {
      head = concatBytes(head, data);
      const extension = head.length >= 19 ? readInt32(head, 15) : -1;
      const fieldAt = 19 + extension;
      if (extension < 0 || head.length < fieldAt + 6) continue;
      if (BINARY_SIGNATURE.some((b, i) => head[i] !== b) || readInt16(head, fieldAt) !== 1)
        throw new Error('stored frame: not the binary COPY of one text value');
      remaining = readInt32(head, fieldAt + 2);
      if (remaining < 0) throw new Error('stored frame: the frame file is NULL');
      data = head.subarray(fieldAt + 6);
      head = new Uint8Array(0);
    }
    const take = Math.min(remaining, data.length);
    if (take > 0) {
      parts.push(take === data.length ? data : data.subarray(0, take));
      size += take;
      remaining -= take;
    }
    if (take < data.length) tail = concatBytes(tail, data.subarray(take));
    const piece = cut(false);
    if (piece) yield piece;
  }
  // One row and nothing after it but the trailer (no row at all: no frame file stored).
  if (remaining !== 0 || tail.length !== 2 || readInt16(tail, 0) !== -1)
    throw new Error('stored frame: expected exactly one stored frame file');
  const last = cut(true);
  if (last) yield last;
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}

function readInt32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!;
}

function readInt16(bytes: Uint8Array, at: number): number {
  return (((bytes[at]! << 8) | bytes[at + 1]!) << 16) >> 16;
}
