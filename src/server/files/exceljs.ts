// exceljs, loaded with one fix: its XML reader (lib/utils/parse-sax.js) decoded every zip
// chunk to text on its own, so a Chinese character split across two chunks became U+FFFD
// (exceljs issues #2063/#2084). We put a version with a streaming UTF-8 decoder in Node's
// require cache BEFORE exceljs loads, so every reader (stream and buffer) uses it.
// Import exceljs only through this module (eslint enforces it).
import { createRequire } from 'node:module';
import type ExcelJSModule from 'exceljs';
import { XmlPartBudget } from './xlsxLimits.ts';

const require = createRequire(import.meta.url);
const parseSaxPath = require.resolve('exceljs/lib/utils/parse-sax.js');
const requireFromExceljs = createRequire(parseSaxPath);
const { SaxesParser } = requireFromExceljs('saxes') as { SaxesParser: new () => SaxParser };
const { PassThrough } = requireFromExceljs('readable-stream') as { PassThrough: new () => NodeJS.ReadWriteStream };

interface SaxParser {
  on(event: string, handler: (value: unknown) => void): void;
  write(text: string): void;
}

type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };

async function* parseSax(input: AsyncIterable<Uint8Array | string> & { pipe?: unknown }): AsyncGenerator<SaxEvent[]> {
  let iterable: AsyncIterable<Uint8Array | string> = input;
  if (typeof input.pipe === 'function' && !(Symbol.asyncIterator in input)) {
    iterable = (input as unknown as NodeJS.ReadableStream).pipe(new PassThrough()) as unknown as AsyncIterable<Uint8Array>;
  }
  const parser = new SaxesParser();
  // Limits on what a part really expands to (zip bombs), checked while streaming.
  const budget = new XmlPartBudget();
  let error: unknown;
  let events: SaxEvent[] = [];
  parser.on('error', (e) => (error = e));
  parser.on('opentag', (value) => {
    budget.opentag((value as { name: string }).name);
    events.push({ eventType: 'opentag', value });
  });
  parser.on('text', (value) => {
    budget.text(value as string);
    events.push({ eventType: 'text', value });
  });
  parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of iterable) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    budget.chunk(text, typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength);
    parser.write(text);
    if (error) throw error;
    yield events;
    events = [];
  }
  const tail = decoder.decode();
  if (tail) {
    parser.write(tail);
    if (error) throw error;
    yield events;
  }
}

if (require.cache[parseSaxPath]?.exports !== parseSax) {
  if (require.cache[require.resolve('exceljs')]) {
    throw new Error('exceljs was loaded before its UTF-8 fix: import it only through src/server/files/exceljs.ts');
  }
  const module = new (require('node:module') as { Module: new (id: string) => NodeJS.Module }).Module(parseSaxPath);
  module.filename = parseSaxPath;
  module.loaded = true;
  module.exports = parseSax;
  require.cache[parseSaxPath] = module;
}

const ExcelJS = require('exceljs') as typeof ExcelJSModule;
export default ExcelJS;
export type { CellValue, CellFormulaValue } from 'exceljs';
