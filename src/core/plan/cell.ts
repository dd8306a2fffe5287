// Shared shapes for the plan-table cell parsers (import the seeds' plan tables).
// A parser never throws on user text: it returns a value, or a Chinese message that says
// what could not be read and how to write it.

export type CellResult<T> = { ok: true; value: T; warning?: string } | { ok: false; message: string };

export function parsed<T>(value: T, warning?: string): CellResult<T> {
  return warning === undefined ? { ok: true, value } : { ok: true, value, warning };
}

export function failed<T>(message: string): CellResult<T> {
  return { ok: false, message };
}

/**
 * Full-width ASCII (０-９, ％, ；, （）, ：, ，, ／) and the ideographic space to their ASCII
 * forms, one character for one, so an index into the folded text is an index into the original.
 */
export function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}

/** Text as the parsers match it: "５％；１次／年" and "5%; 1次/年" read alike. */
export function foldCell(raw: string): string {
  return foldWidth(raw).replace(/\s+/g, ' ').trim();
}

/** Text as stored: as written, with runs of whitespace (a wrapped cell's line break) made one space. */
export function tidyCell(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}

/** Quote a cell in a message, shortened so the message stays readable. */
export function quote(raw: string): string {
  const text = raw.trim();
  return `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`;
}
