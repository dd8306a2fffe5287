// Builds valid 统一社会信用代码 from their parts (GB 32100-2015 §3 structure), computing
// both check characters. Used by the demo-data generator and test factories, so a
// generated directory never contains a code our own validator would reject.
import { computeOrgCodeCheckChar, computeUsccCheckChar, USCC_CHARSET } from './check-chars.ts';
import { REGISTRATION_AUTHORITIES } from './registration-authorities.ts';

export interface UsccParts {
  /** Position 1, 登记管理部门代码 (GB 32100 表2), e.g. '9' */
  authority: string;
  /** Position 2, 机构类别代码 valid for that authority (表3), e.g. '1' */
  type: string;
  /** Positions 3–8, six-digit GB/T 2260 division code, e.g. '140581' */
  division: string;
  /** Positions 9–16, the 组织机构代码 body; its check digit (position 17) is computed */
  orgCode8: string;
}

const BODY_PATTERN = new RegExp(`^[${USCC_CHARSET}]{8}$`);

/** A valid 18-character code; throws if a part cannot appear in one. */
export function makeUscc(parts: UsccParts): string {
  const { authority, type, division, orgCode8 } = parts;
  const authorityEntry = REGISTRATION_AUTHORITIES[authority];
  if (!authorityEntry) {
    throw new Error(`makeUscc: unknown registration authority ${JSON.stringify(authority)} (GB 32100 表2)`);
  }
  if (authorityEntry.entityTypes[type] === undefined) {
    throw new Error(`makeUscc: entity type ${JSON.stringify(type)} is not defined for authority ${authority} (GB 32100 表3)`);
  }
  if (!/^\d{6}$/.test(division)) {
    throw new Error(`makeUscc: division must be 6 digits, got ${JSON.stringify(division)}`);
  }
  if (!BODY_PATTERN.test(orgCode8)) {
    throw new Error(`makeUscc: orgCode8 must be 8 characters from ${USCC_CHARSET}, got ${JSON.stringify(orgCode8)}`);
  }
  const first17 = authority + type + division + orgCode8 + computeOrgCodeCheckChar(orgCode8);
  return first17 + computeUsccCheckChar(first17);
}
