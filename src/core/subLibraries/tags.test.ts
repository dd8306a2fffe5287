import { describe, expect, it } from 'vitest';
import { ENTITY_TAGS } from '../../demo/entities.ts';
import { RISK_WARNING_TAGS, SUGGESTED_TAGS } from './tags.ts';

describe('suggested tags', () => {
  it('offer every tag the directory carries, without duplicates', () => {
    expect([...SUGGESTED_TAGS].sort()).toEqual([...ENTITY_TAGS].sort());
    expect(new Set(SUGGESTED_TAGS).size).toBe(SUGGESTED_TAGS.length);
  });

  it('include the seed’s risk-warning marks', () => {
    expect(RISK_WARNING_TAGS).toEqual(['年报全0申报', '一址多照', '关联企业']);
  });
});
