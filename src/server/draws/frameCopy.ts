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
