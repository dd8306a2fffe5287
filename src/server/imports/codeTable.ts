// 统一社会信用代码 → slot, in typed arrays: an open-addressing hash table for the million codes of a
// large import (the codes seen in the file, the stored entities' fingerprints). A JavaScript Map
// of a million string keys costs about a microsecond a lookup and a hundred bytes a code; this
// table a tenth of either. Codes are the 18 ASCII characters of a valid code (validateUscc).

export const CODE_LENGTH = 18;

/** FNV-1a over the code's character codes. */
function hashChars(text: string, at: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < CODE_LENGTH; k += 1) h = Math.imul(h ^ text.charCodeAt(at + k), 0x01000193);
  return h >>> 0;
}

function hashBytes(bytes: Uint8Array, at: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < CODE_LENGTH; k += 1) h = Math.imul(h ^ bytes[at + k]!, 0x01000193);
  return h >>> 0;
}

/** A CodeTable's arrays, to read it on another thread (CodeTable.over); shared when the table was made shared. */
export interface CodeTableParts {
  size: number;
  chars: Uint8Array;
  index: Int32Array;
  values: Int32Array;
  words: Uint32Array;
}

/** A typed array of `length` elements, on a SharedArrayBuffer when `shared`. */
function allocate<T extends Uint8Array | Int32Array | Uint32Array>(
  type: { new (buffer: ArrayBufferLike): T; new (length: number): T; BYTES_PER_ELEMENT: number },
  length: number,
  shared: boolean,
): T {
  return shared ? new type(new SharedArrayBuffer(length * type.BYTES_PER_ELEMENT)) : new type(length);
}

export class CodeTable {
  size = 0;
  private capacity: number;
  /** Arrays on SharedArrayBuffers: other threads read them without a copy (parts, over). */
  private readonly shared: boolean;
  /** CODE_LENGTH bytes a slot. */
  private chars: Uint8Array;
  /** slot + 1 by hash (linear probing), 0 when empty; a power of two at least twice the capacity. */
  private index: Int32Array;
  /** One number a slot for the table's user (0 for a new slot). */
  values: Int32Array;
  /** Two 32-bit words a slot for the table's user. */
  words: Uint32Array;

  constructor(expected = 1024, options: { shared?: boolean } = {}) {
    this.shared = options.shared ?? false;
    this.capacity = Math.max(16, expected);
    this.chars = allocate(Uint8Array, this.capacity * CODE_LENGTH, this.shared);
    this.index = allocate(Int32Array, tableLength(this.capacity), this.shared);
    this.values = allocate(Int32Array, this.capacity, this.shared);
    this.words = allocate(Uint32Array, 2 * this.capacity, this.shared);
  }

  /** The table's arrays as they are now (a later add may replace them). */
  parts(): CodeTableParts {
    return { size: this.size, chars: this.chars, index: this.index, values: this.values, words: this.words };
  }

  /** A table over another's parts (on another thread: over its shared arrays), to look codes up in. */
  static over(parts: CodeTableParts): CodeTable {
    const table = new CodeTable(16);
    table.size = parts.size;
    table.capacity = parts.values.length;
    table.chars = parts.chars;
    table.index = parts.index;
    table.values = parts.values;
    table.words = parts.words;
    return table;
  }

  /** The slot of the code text[at, at + 18), or -1. */
  find(text: string, at = 0): number {
    const mask = this.index.length - 1;
    for (let i = hashChars(text, at) & mask; ; i = (i + 1) & mask) {
      const entry = this.index[i]!;
      if (entry === 0) return -1;
      if (this.sameChars(entry - 1, text, at)) return entry - 1;
    }
  }

  /** The slot of the code text[at, at + 18), added (values 0) when new. */
  add(text: string, at = 0): number {
    if (this.size === this.capacity) this.grow();
    const mask = this.index.length - 1;
    let i = hashChars(text, at) & mask;
    for (; ; i = (i + 1) & mask) {
      const entry = this.index[i]!;
      if (entry === 0) break;
      if (this.sameChars(entry - 1, text, at)) return entry - 1;
    }
    const slot = this.size++;
    for (let k = 0; k < CODE_LENGTH; k += 1) this.chars[slot * CODE_LENGTH + k] = text.charCodeAt(at + k);
    this.index[i] = slot + 1;
    return slot;
  }

  /** The slot of the code bytes[at, at + 18) (ASCII), added when new; `isNew` tells which. */
  addBytes(bytes: Uint8Array, at: number): { slot: number; isNew: boolean } {
    if (this.size === this.capacity) this.grow();
    const mask = this.index.length - 1;
    let i = hashBytes(bytes, at) & mask;
    for (; ; i = (i + 1) & mask) {
      const entry = this.index[i]!;
      if (entry === 0) break;
      if (this.sameBytes(entry - 1, bytes, at)) return { slot: entry - 1, isNew: false };
    }
    const slot = this.size++;
    this.chars.set(bytes.subarray(at, at + CODE_LENGTH), slot * CODE_LENGTH);
    this.index[i] = slot + 1;
    return { slot, isNew: true };
  }

  private sameChars(slot: number, text: string, at: number): boolean {
    const base = slot * CODE_LENGTH;
    for (let k = 0; k < CODE_LENGTH; k += 1) if (this.chars[base + k] !== text.charCodeAt(at + k)) return false;
    return true;
  }

  private sameBytes(slot: number, bytes: Uint8Array, at: number): boolean {
    const base = slot * CODE_LENGTH;
    for (let k = 0; k < CODE_LENGTH; k += 1) if (this.chars[base + k] !== bytes[at + k]) return false;
    return true;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const chars = allocate(Uint8Array, capacity * CODE_LENGTH, this.shared);
    chars.set(this.chars);
    const values = allocate(Int32Array, capacity, this.shared);
    values.set(this.values);
    const words = allocate(Uint32Array, 2 * capacity, this.shared);
    words.set(this.words);
    const index = allocate(Int32Array, tableLength(capacity), this.shared);
    const mask = index.length - 1;
    for (let slot = 0; slot < this.size; slot += 1) {
      let i = hashBytes(chars, slot * CODE_LENGTH) & mask;
      while (index[i] !== 0) i = (i + 1) & mask;
      index[i] = slot + 1;
    }
    this.capacity = capacity;
    this.chars = chars;
    this.values = values;
    this.words = words;
    this.index = index;
  }
}

function tableLength(capacity: number): number {
  let length = 1;
  while (length < 2 * capacity) length *= 2;
  return length;
}
