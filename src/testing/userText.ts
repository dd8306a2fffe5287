// What a person may read in a message: Chinese, numbers and the names of file formats — never
// English words, a field path (items.0.x), an error code (VALIDATION_FAILED) or a type name.
// Shared by the API's message check and the console's error display tests.

/** Names a person meets on files, forms and documents, allowed in Chinese messages (as written: `uscc`, a field's key, is not). */
const allowedWords = new Set([
  'USCC',
  'xlsx',
  'xls',
  'csv',
  'tsv',
  'txt',
  'PDF',
  'JPEG',
  'JPG',
  'PNG',
  'WebP',
  'JSON',
  'UTF',
  'GBK',
  'BOM',
  'ZIP',
  'XML',
  'YYYY',
  'SSJ',
  'XLSX',
  'CSV',
  'TSV',
  'TXT',
  'pdf',
  'jpeg',
  'jpg',
  'png',
  'webp',
  'json',
]);

/** The problems of one message a person reads (empty when it is fine). */
export function userTextProblems(text: string): string[] {
  const problems: string[] = [];
  const path = /\b[A-Za-z_][A-Za-z0-9_]*(?:\.\d+)+(?:\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(text);
  if (path) problems.push(`字段路径「${path[0]}」`);
  const code = /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/.exec(text);
  if (code) problems.push(`错误代码「${code[0]}」`);
  const words = (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !allowedWords.has(w));
  if (words.length) problems.push(`英文「${[...new Set(words)].join(' ')}」`);
  if (!/[\u4e00-\u9fff]/.test(text)) problems.push('没有中文');
  return problems;
}
