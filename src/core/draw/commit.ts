// The commit (docs/draw-spec.md §3.1): binds task, parameters, every frame and every exclusion
// list before any seed source exists.
import { TAGS, taggedHashHex } from './encoding.ts';
import { fileHash } from './frame.ts';
import { paramsHash, type DrawParams } from './params.ts';

export interface GroupFiles {
  code: string;
  frame: string;
  exclusions: string;
}

export interface GroupHashes {
  code: string;
  frame_hash: string;
  exclusions_hash: string;
}

/** frame_hash_g and exclusions_hash_g per group (docs/draw-spec.md §2). */
export function hashGroupFiles(params: DrawParams, groups: readonly GroupFiles[]): GroupHashes[] {
  return groups.map((g) => ({
    code: g.code,
    frame_hash: fileHash(params.hash, g.frame),
    exclusions_hash: fileHash(params.hash, g.exclusions),
  }));
}

/**
 * commit = H("ssj-draw/1/commit", task_code, params_hash, frame_hash_1, exclusions_hash_1,
 * …, frame_hash_k, exclusions_hash_k), groups in P order (docs/draw-spec.md §3.1). `groups` must
 * already be in P order; the caller checks the codes.
 */
export function computeCommit(params: DrawParams, groups: readonly GroupHashes[]): string {
  const parts = [params.task, paramsHash(params)];
  for (const g of groups) parts.push(g.frame_hash, g.exclusions_hash);
  return taggedHashHex(params.hash, TAGS.commit, parts);
}
