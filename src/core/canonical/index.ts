// Canonical encodings hashed by the draw (docs/draw-spec.md §1). Only JCS lives here; the
// frame and exclusion line formats belong to the draw module.
export { canonicalJson, type JsonValue } from './jcs.ts';
