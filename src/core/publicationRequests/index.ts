// 停止公示（信用修复）申请 made by a business on the portal (docs/portal.md). Pure: the 回执编号,
// the states of an application, the scan check. Randomness is a parameter (the server passes
// random bytes); the decision itself is the result's own rule (results/reviewFlow.ts).
import { checkAttachment, type AttachmentCheck } from '../attachments/index.ts';
import { invalidState } from '../errors.ts';
import { codesOf } from '../glossary.ts';

export const publicationRequestStatusLabel = { submitted: '已提交', reviewing: '审核中', approved: '已同意', rejected: '已驳回' } as const;
export type PublicationRequestStatus = keyof typeof publicationRequestStatusLabel;
export const publicationRequestStatuses = codesOf(publicationRequestStatusLabel);

/** Still waiting for a decision (a second application for the same result is refused meanwhile). */
export function isOpen(status: PublicationRequestStatus): boolean {
  return status === 'submitted' || status === 'reviewing';
}

// ------------------------------------------------------------------ 回执编号
// "SQ" + 8 characters (the short code staff quote) + "-" + 16 characters (the secret: 80 bits).
// The alphabet leaves out I, O, 0 and 1, which are misread when a number is copied by hand.
export const RECEIPT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
const SECRET_LENGTH = 16;
/** Random bytes a 回执编号 is made from. */
export const RECEIPT_RANDOM_BYTES = CODE_LENGTH + SECRET_LENGTH;

export interface Receipt {
  /** The short public part, e.g. "SQ7K3M9QPA". */
  code: string;
  /** The whole 回执编号, e.g. "SQ7K3M9QPA-4F7XQ2HMWR8T6YKB". */
  receipt: string;
}

const pick = (bytes: Uint8Array) => [...bytes].map((b) => RECEIPT_ALPHABET[b % RECEIPT_ALPHABET.length]).join('');

/** A 回执编号 from `RECEIPT_RANDOM_BYTES` random bytes (32 characters: every byte maps evenly). */
export function receiptOf(random: Uint8Array): Receipt {
  if (random.length < RECEIPT_RANDOM_BYTES) throw new Error(`receiptOf: ${RECEIPT_RANDOM_BYTES} random bytes needed`);
  const code = `SQ${pick(random.subarray(0, CODE_LENGTH))}`;
  return { code, receipt: `${code}-${pick(random.subarray(CODE_LENGTH, RECEIPT_RANDOM_BYTES))}` };
}

const RECEIPT_PATTERN = new RegExp(`^(SQ[${RECEIPT_ALPHABET}]{${CODE_LENGTH}})-[${RECEIPT_ALPHABET}]{${SECRET_LENGTH}}$`);

/**
 * A 回执编号 as typed or pasted: spaces dropped, letters upper-cased, a full-width or long dash
 * read as "-". Null when it cannot be one (the caller answers "not found", never why).
 */
export function parseReceipt(text: string): Receipt | null {
  const cleaned = text
    .replace(/\s+/g, '')
    .replace(/[－—–‐]/g, '-')
    .toUpperCase();
  const match = RECEIPT_PATTERN.exec(cleaned);
  return match ? { code: match[1]!, receipt: cleaned } : null;
}

// ------------------------------------------------------------------ states

/** 已提交 → 审核中: staff take the application up (once). */
export function startReview(status: PublicationRequestStatus): PublicationRequestStatus {
  if (status === 'submitted') return 'reviewing';
  throw invalidState(
    'publicationRequest.notSubmitted',
    `该申请当前为“${publicationRequestStatusLabel[status]}”，不能再受理${isOpen(status) ? '；请直接审核' : '；已审核的申请不能更改'}。`,
    { status },
  );
}

/** A decision is allowed while the application is open. */
export function requireOpen(status: PublicationRequestStatus): void {
  if (!isOpen(status)) {
    throw invalidState(
      'publicationRequest.decided',
      `该申请已${publicationRequestStatusLabel[status].replace(/^已/, '')}，不能再次审核。`,
      {
        status,
      },
    );
  }
}

// ------------------------------------------------------------------ the scan

/** 授权书 or 营业执照 scans: PDF, JPEG or PNG, at most 5 MB, the type told by the content. */
export const scanLimitBytes = 5 * 1024 * 1024;

export function checkScan(file: { fileName: string; declaredMime: string | null; bytes: Uint8Array }): AttachmentCheck {
  const check = checkAttachment(file, { imageBytes: scanLimitBytes, pdfBytes: scanLimitBytes });
  if (check.ok && check.kind === 'webp') {
    return {
      ok: false,
      code: 'ATTACHMENT_UNSUPPORTED',
      httpCode: 'BAD_FILE',
      message: `扫描件“${file.fileName}”是 WebP 图片；扫描件只接受 PDF、JPEG（.jpg）或 PNG 文件，请转换后上传`,
      details: { fileName: file.fileName, detected: 'webp' },
    };
  }
  return check.ok ? check : { ...check, message: check.message.replace(/^附件/, '扫描件') };
}
