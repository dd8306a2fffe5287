// 统一社会信用代码 (GB 32100-2015): validation for imports and forms, construction for
// demo data. Written in-house: known npm validators reject valid codes (project rule).
export { computeOrgCodeCheckChar, computeUsccCheckChar, USCC_CHARSET, usccCharValue } from './check-chars.ts';
export { makeUscc, type UsccParts } from './make-uscc.ts';
export { REGISTRATION_AUTHORITIES, type RegistrationAuthority } from './registration-authorities.ts';
export {
  normalizeUscc,
  validateUscc,
  type UsccErrorCode,
  type UsccInvalid,
  type UsccOrgCodeWarning,
  type UsccResult,
  type UsccValid,
} from './validate-uscc.ts';
