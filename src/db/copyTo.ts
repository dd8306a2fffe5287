// `COPY … TO STDOUT` on a PostgreSQL server, streamed: pg-copy-streams' CopyToStream with a
// fast path for the bulk of the stream. The server sends one CopyData message per row (for a
// frame file: 4,000,000 messages of 21 bytes); the stock parser keeps a buffer object per
// message, which costs more CPU than the server spends producing the rows. Here every whole
// CopyData message of a socket chunk is copied straight into one output buffer; anything else
// — a message split across chunks, CopyDone, an ErrorResponse — goes to the stock parser, which
// thus still ends the stream, surfaces errors and hands the connection back to pg.
import { to as copyTo } from 'pg-copy-streams';

const COPY_DATA = 0x64; // 'd'
type CopyToStream = ReturnType<typeof copyTo>;
interface StockParser {
  _state: number;
  _buffer: { size: number };
  _parse(chunk: Buffer): boolean | undefined;
  push(chunk: Buffer | null): boolean;
}

const Stock = Object.getPrototypeOf(copyTo('')).constructor as new (text: string) => CopyToStream;
const DECODER_AT_MESSAGE_START = (copyTo('') as unknown as StockParser)._state;

class FastCopyToStream extends (Stock as unknown as new (text: string) => CopyToStream & StockParser) {
  /** The start of a CopyData message cut off at the end of the previous chunk. */
  private carry: Buffer | null = null;

  override _parse(chunk: Buffer): boolean | undefined {
    // Only between messages with nothing buffered by the stock parser is the chunk's first
    // byte (after our carry) a message code.
    if (this._state !== DECODER_AT_MESSAGE_START || this._buffer.size !== 0) return super._parse(chunk);
    // The carried message is completed with the head of this chunk; the rest of the chunk is
    // read in place (as a plain Uint8Array view: faster element access than a Buffer).
    let data: Uint8Array = chunk;
    let i = 0;
    let out: Uint8Array;
    let o = 0;
    if (this.carry) {
      const carry = this.carry;
      const total = carry.length >= 5 ? 5 + ((carry[1]! << 24) | (carry[2]! << 16) | (carry[3]! << 8) | carry[4]!) - 4 : -1;
      const take = total < 0 ? -1 : total - carry.length;
      if (take < 0 || take > chunk.length) {
        data = Buffer.concat([carry, chunk]); // header still cut, or a row longer than the chunk
      } else {
        out = new Uint8Array(total - 5 + chunk.length);
        out.set(carry.subarray(5), 0);
        out.set(chunk.subarray(0, take), carry.length - 5);
        o = total - 5;
        i = take;
      }
      this.carry = null;
    }
    out ??= new Uint8Array(data.length);
    const n = data.length;
    while (i + 5 <= n && data[i] === COPY_DATA) {
      const length = ((data[i + 1]! << 24) | (data[i + 2]! << 16) | (data[i + 3]! << 8) | data[i + 4]!) - 4;
      const end = i + 5 + length;
      if (end > n || length < 0) break;
      if (length < 64) for (let k = i + 5; k < end; k++) out[o++] = data[k]!;
      else {
        out.set(data.subarray(i + 5, end), o);
        o += length;
      }
      i = end;
    }
    const drained = o > 0 ? this.push(Buffer.from(out.buffer, out.byteOffset, o)) : true;
    if (i === n) return drained;
    // A row cut off by the chunk's end waits for the next chunk; a row of a megabyte or more
    // (never in a frame) and every other message go to the stock parser.
    if (data[i] === COPY_DATA && n - i < 1 << 20) {
      this.carry = Buffer.from(data.subarray(i));
      return drained;
    }
    const rest = super._parse(Buffer.from(data.buffer, data.byteOffset + i, n - i));
    return drained && rest;
  }
}

/** A CopyToStream for `client.query(…)` (text of a `COPY … TO STDOUT` statement). */
export function fastCopyTo(text: string): CopyToStream {
  return new FastCopyToStream(text);
}
