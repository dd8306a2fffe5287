// Anchors of the audit chains. The hash chain detects a row altered, inserted or removed
// *inside* a chain, but not rows cut from its end: the shortened chain is still a valid chain.
// An anchor is the head of a chain (its last seq and row hash) written down at a moment and kept
// where whoever could cut the table cannot reach it (a file kept with the daily backup, a
// printed report, the 纪检/审计 view). A chain that no longer reaches an anchored head, or
// reaches it with another hash, has been cut or rewritten since the anchor. Pure.

export interface ChainHead {
  unitCode: string;
  seq: number;
  rowHash: string;
}

export type AnchorBreak =
  | { reason: 'truncated'; unitCode: string; seq: number; headSeq: number }
  | { reason: 'anchor_mismatch'; unitCode: string; seq: number; expected: string; found: string };

/**
 * Compares an anchored head with the chain as it is now: `rowAtSeq` is the row hash the chain
 * holds at the anchored seq (undefined when there is no such row), `headSeq` its current last seq
 * (0 for an empty chain).
 */
export function checkAnchor(anchor: ChainHead, rowAtSeq: string | undefined, headSeq: number): AnchorBreak | null {
  if (rowAtSeq === undefined || headSeq < anchor.seq) return { reason: 'truncated', unitCode: anchor.unitCode, seq: anchor.seq, headSeq };
  if (rowAtSeq.trim() !== anchor.rowHash.trim()) {
    return {
      reason: 'anchor_mismatch',
      unitCode: anchor.unitCode,
      seq: anchor.seq,
      expected: anchor.rowHash.trim(),
      found: rowAtSeq.trim(),
    };
  }
  return null;
}

export function describeAnchorBreak(b: AnchorBreak): string {
  switch (b.reason) {
    case 'truncated':
      return b.headSeq === 0
        ? `单位 ${b.unitCode} 的审计链已被清空：锚定时链首已到第 ${b.seq} 条`
        : `单位 ${b.unitCode} 的审计链被截短：锚定时已到第 ${b.seq} 条，现在只到第 ${b.headSeq} 条，其后的记录被删除`;
    case 'anchor_mismatch':
      return `单位 ${b.unitCode} 第 ${b.seq} 条记录的哈希与锚定时不同：该链在锚定后被改写（整条重算）`;
  }
}

/** Reads anchors written by `ssj audit anchor` (JSON: {anchoredAt, heads: [{unitCode, seq, rowHash}]}). */
export function parseAnchorFile(text: string): { anchoredAt: string; heads: ChainHead[] } {
  const data = JSON.parse(text) as { anchoredAt?: unknown; heads?: unknown };
  if (!Array.isArray(data.heads)) throw new Error('锚定文件格式不对：缺少 heads 列表。请使用 ssj audit anchor 生成的文件。');
  const heads = data.heads.map((h: unknown, i: number) => {
    const head = h as Partial<ChainHead>;
    if (
      typeof head.unitCode !== 'string' ||
      typeof head.seq !== 'number' ||
      typeof head.rowHash !== 'string' ||
      !/^[0-9a-f]{64}$/.test(head.rowHash)
    ) {
      throw new Error(`锚定文件第 ${i + 1} 条链首格式不对：应有单位代码、序号和 64 位十六进制哈希。`);
    }
    return { unitCode: head.unitCode, seq: head.seq, rowHash: head.rowHash };
  });
  return { anchoredAt: typeof data.anchoredAt === 'string' ? data.anchoredAt : '', heads };
}
