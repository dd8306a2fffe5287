// RFC 8785 JSON Canonicalization Scheme (JCS). docs/draw-spec.md §1/§2: the draw parameters P
// are hashed as jcs(P), so the server, our verifier page and an independent verifier in
// another language must produce the same bytes for the same data. Anything JCS cannot
// represent unambiguously is rejected with the JSON path, never silently dropped or
// coerced (JSON.stringify would drop `undefined`, turn NaN into null, call toJSON).

/** Values canonicalJson accepts: I-JSON data made of plain objects and arrays. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * The RFC 8785 canonical form of `value`: no whitespace, object members sorted by the
 * UTF-16 code units of their names (§3.2.3), numbers in ECMAScript form (§3.2.2.3),
 * strings with JSON's minimal escaping (§3.2.2.2).
 *
 * Throws for non-finite numbers, `undefined` (in objects, arrays or at the top),
 * bigint, functions, symbols, strings with lone surrogates, cyclic structures and any
 * object that is not a plain object or array (Date, Map, class instances, typed arrays).
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, '$', []);
}

function serialize(value: unknown, path: string, ancestors: object[]): string {
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      // §3.2.2.3: ECMAScript Number-to-String is exactly what JSON.stringify does for
      // finite numbers (-0 becomes "0"). I-JSON has no NaN or Infinity.
      if (!Number.isFinite(value)) fail(path, `non-finite number ${String(value)}`);
      return JSON.stringify(value);
    case 'string':
      return serializeString(value, path);
    case 'object':
      if (value === null) return 'null';
      return serializeContainer(value, path, ancestors);
    default:
      // undefined, bigint, function, symbol: no JSON form (bigint would need a decision
      // between number and string that the caller must make explicitly).
      return fail(path, `${typeof value} is not a JSON value`);
  }
}

function serializeContainer(value: object, path: string, ancestors: object[]): string {
  if (ancestors.includes(value)) fail(path, 'cyclic structure');
  ancestors.push(value);
  try {
    if (Array.isArray(value)) {
      const parts: string[] = [];
      // Index loop, not map(): map skips holes, and a hole is an undefined element.
      for (let i = 0; i < value.length; i++) {
        parts.push(serialize(value[i], `${path}[${i}]`, ancestors));
      }
      return `[${parts.join(',')}]`;
    }

    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      fail(path, `${name} is not a plain object; convert it to plain JSON data first`);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) {
      fail(path, 'object has symbol keys');
    }

    const record = value as Record<string, unknown>;
    // §3.2.3: sort by UTF-16 code units, which is what the default sort compares.
    const keys = Object.keys(record).sort();
    const members: string[] = [];
    for (const key of keys) {
      const memberPath = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
      members.push(`${serializeString(key, memberPath)}:${serialize(record[key], memberPath, ancestors)}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    ancestors.pop();
  }
}

// §3.2.2.2: JSON.stringify (ES2019+) already emits the RFC's escaping — \b \t \n \f \r,
// \" and \\, other controls as lower-case \u00xx, everything else literal. Lone
// surrogates are rejected (I-JSON, RFC 7493 §2.1) instead of being escaped, since
// they have no UTF-8 form and other implementations would disagree on them.
function serializeString(text: string, path: string): string {
  const lone = findLoneSurrogate(text);
  if (lone >= 0) {
    const unit = text.charCodeAt(lone).toString(16).padStart(4, '0');
    fail(path, `string has a lone surrogate \\u${unit} at index ${lone}`);
  }
  return JSON.stringify(text);
}

function findLoneSurrogate(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    const next = text.charCodeAt(i + 1); // NaN past the end
    if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++; // a valid pair
      continue;
    }
    return i;
  }
  return -1;
}

function fail(path: string, problem: string): never {
  throw new Error(`canonicalJson at ${path}: ${problem}`);
}
