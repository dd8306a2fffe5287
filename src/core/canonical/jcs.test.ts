import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './jcs.ts';

/** The IEEE-754 double with the given 16 hex digits (RFC 8785 Appendix B notation). */
function doubleFromHex(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, Number.parseInt(hex.slice(0, 8), 16));
  view.setUint32(4, Number.parseInt(hex.slice(8), 16));
  return view.getFloat64(0);
}

describe('canonicalJson (RFC 8785)', () => {
  it('reproduces the RFC 8785 §3.2.2 example (numbers, escapes, literals)', () => {
    const input = JSON.parse(String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`);
    expect(canonicalJson(input)).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it('sorts members by UTF-16 code units, as in the RFC 8785 §3.2.3 example', () => {
    const input = JSON.parse(String.raw`{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`);
    // Compared as text: JSON.parse would move the integer-like key "1" to the front.
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    ); // U+1F600 is D83D DE00 in UTF-16, so it sorts before U+FB33
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'], // minus zero
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serialises the double %s as %s (RFC 8785 Appendix B)', (hex, expected) => {
    expect(canonicalJson(doubleFromHex(hex))).toBe(expected);
  });

  it('rejects NaN and ±Infinity (RFC 8785 Appendix B), naming where they are', () => {
    expect(() => canonicalJson(doubleFromHex('7fffffffffffffff'))).toThrow(/at \$: non-finite number NaN/);
    expect(() => canonicalJson({ a: [1, Infinity] })).toThrow(/at \$\.a\[1\]: non-finite number Infinity/);
    expect(() => canonicalJson({ a: -Infinity })).toThrow(/non-finite/);
  });

  it('escapes only what JSON requires and keeps other characters literal', () => {
    expect(canonicalJson('\u0000\u0008\t\n\u000b\f\r\u001f"\\/\u007f\u2028é中😀')).toBe(
      '"\\u0000\\b\\t\\n\\u000b\\f\\r\\u001f\\"\\\\/\u007f\u2028é中😀"',
    );
  });

  it('writes nested objects and arrays without whitespace, sorting at every level', () => {
    const params = {
      task: '2025-001',
      spec: 'ssj-draw/1',
      groups: [{ reserve: 2, code: 'g1', items: ['食品', '广告'], allocation: { mode: 'total', ratio: '3%' } }],
      hash: 'sm3',
      year: 2025,
      empty: {},
      none: [],
    };
    expect(canonicalJson(params)).toBe(
      '{"empty":{},"groups":[{"allocation":{"mode":"total","ratio":"3%"},"code":"g1","items":["食品","广告"],"reserve":2}],"hash":"sm3","none":[],"spec":"ssj-draw/1","task":"2025-001","year":2025}',
    );
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.b = 1;
    bare.a = 2;
    expect(canonicalJson(bare)).toBe('{"a":2,"b":1}');
  });

  it('rejects undefined anywhere instead of dropping it like JSON.stringify', () => {
    expect(() => canonicalJson({ a: 1, b: undefined })).toThrow(/at \$\.b: undefined is not a JSON value/);
    expect(() => canonicalJson([1, undefined])).toThrow(/at \$\[1\]: undefined/);
    expect(() => canonicalJson([1, , 3])).toThrow(/at \$\[1\]: undefined is not a JSON value/);
    expect(() => canonicalJson(undefined)).toThrow(/at \$: undefined is not a JSON value/);
  });

  it('rejects values with no JSON form: bigint, functions, symbols', () => {
    expect(() => canonicalJson({ n: 10n })).toThrow(/at \$\.n: bigint is not a JSON value/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function is not a JSON value/);
    expect(() => canonicalJson(Symbol('x'))).toThrow(/symbol is not a JSON value/);
    expect(() => canonicalJson({ [Symbol('k')]: 1 })).toThrow(/symbol keys/);
  });

  it('rejects non-plain objects rather than guessing their JSON form', () => {
    expect(() => canonicalJson({ at: new Date(0) })).toThrow(/at \$\.at: Date is not a plain object/);
    expect(() => canonicalJson(new Map())).toThrow(/Map is not a plain object/);
    expect(() => canonicalJson(new Uint8Array(2))).toThrow(/Uint8Array is not a plain object/);
    class Entity {
      id = '1';
    }
    expect(() => canonicalJson([new Entity()])).toThrow(/at \$\[0\]: Entity is not a plain object/);
  });

  it('rejects strings and keys with lone surrogates (I-JSON)', () => {
    expect(() => canonicalJson('a\ud800')).toThrow(/at \$: string has a lone surrogate \\ud800 at index 1/);
    expect(() => canonicalJson({ ['\udc00']: 1 })).toThrow(/lone surrogate \\udc00/);
    expect(canonicalJson('\ud83d\ude00')).toBe('"😀"');
  });

  it('rejects cycles but allows the same object twice side by side', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => canonicalJson(loop)).toThrow(/at \$\.self: cyclic structure/);
  });

  it('names keys that are not identifiers in bracket form in error paths', () => {
    expect(() => canonicalJson({ '检查 事项': NaN })).toThrow(/at \$\["检查 事项"\]: non-finite/);
  });

  const jsonData = fc.jsonValue() as fc.Arbitrary<unknown>;

  it('is a fixed point: parsing the output and canonicalising again changes nothing (property)', () => {
    fc.assert(
      fc.property(jsonData, (value) => {
        const once = canonicalJson(value);
        expect(canonicalJson(JSON.parse(once))).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('ignores the insertion order of object members (property)', () => {
    const reorder = (value: unknown, seed: number): unknown => {
      if (Array.isArray(value)) return value.map((v, i) => reorder(v, seed + i));
      if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value);
        // Rotate and reverse deterministically from the seed: a different insertion order.
        const k = entries.length === 0 ? 0 : seed % entries.length;
        const shuffled = [...entries.slice(k), ...entries.slice(0, k)].reverse();
        return Object.fromEntries(shuffled.map(([key, v]) => [key, reorder(v, seed + 1)]));
      }
      return value;
    };
    fc.assert(
      fc.property(jsonData, fc.nat(), (value, seed) => {
        expect(canonicalJson(reorder(value, seed))).toBe(canonicalJson(value));
      }),
      { numRuns: 500 },
    );
  });

  it('carries the same data as JSON.stringify for any JSON value (property)', () => {
    fc.assert(
      fc.property(jsonData, (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });
});
