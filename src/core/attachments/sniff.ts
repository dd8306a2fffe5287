// Attachment checks for result evidence (photos and PDF scans, "an oversized or
// disguised attachment" is bad input). The content decides the type — magic bytes — and the
// file name's extension and the declared MIME type must agree with it, so a renamed
// executable or an HTML page called photo.jpg is refused. Pure: bytes in, verdict out.

export type AttachmentKind = 'jpeg' | 'png' | 'webp' | 'pdf';

export const attachmentKindLabel: Record<AttachmentKind, string> = {
  jpeg: 'JPEG 图片',
  png: 'PNG 图片',
  webp: 'WebP 图片',
  pdf: 'PDF 文件',
};

export const attachmentMime: Record<AttachmentKind, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  pdf: 'application/pdf',
};

const extensionsOf: Record<AttachmentKind, readonly string[]> = {
  jpeg: ['jpg', 'jpeg', 'jpe'],
  png: ['png'],
  webp: ['webp'],
  pdf: ['pdf'],
};

/** Other MIME spellings seen from browsers and phones for the same content. */
const mimeAliases: Record<string, AttachmentKind> = { 'image/pjpeg': 'jpeg', 'image/jpg': 'jpeg', 'application/x-pdf': 'pdf' };

/** Declared types that say nothing about the content (some phone browsers send these). */
const undeclaredMimes: ReadonlySet<string> = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

export interface AttachmentLimits {
  /** Largest image (JPEG/PNG/WebP) in bytes. */
  imageBytes: number;
  /** Largest PDF in bytes. */
  pdfBytes: number;
}

export const defaultAttachmentLimits: AttachmentLimits = { imageBytes: 10 * 1024 * 1024, pdfBytes: 20 * 1024 * 1024 };

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

const ascii = (text: string): number[] => [...text].map((ch) => ch.charCodeAt(0));

/** The real type from the first bytes, or null when it is none of the accepted types. */
export function detectAttachmentKind(bytes: Uint8Array): AttachmentKind | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(bytes, ascii('%PDF-'))) return 'pdf';
  return null;
}

export function kindOfExtension(fileName: string): AttachmentKind | null {
  const dot = fileName.lastIndexOf('.');
  if (dot < 0 || dot === fileName.length - 1) return null;
  const extension = fileName.slice(dot + 1).toLowerCase();
  for (const kind of Object.keys(extensionsOf) as AttachmentKind[]) if (extensionsOf[kind].includes(extension)) return kind;
  return null;
}

export function kindOfMime(mime: string): AttachmentKind | null {
  const type = mime.split(';')[0]!.trim().toLowerCase();
  for (const kind of Object.keys(attachmentMime) as AttachmentKind[]) if (attachmentMime[kind] === type) return kind;
  return mimeAliases[type] ?? null;
}

export type AttachmentProblemCode = 'ATTACHMENT_EMPTY' | 'ATTACHMENT_UNSUPPORTED' | 'ATTACHMENT_DISGUISED' | 'ATTACHMENT_TOO_LARGE';

export type AttachmentCheck =
  | { ok: true; kind: AttachmentKind; mime: string; size: number }
  | {
      ok: false;
      code: AttachmentProblemCode;
      /** The HTTP layer's code: BAD_FILE (400) or PAYLOAD_TOO_LARGE (413). */
      httpCode: 'BAD_FILE' | 'PAYLOAD_TOO_LARGE';
      message: string;
      details: Record<string, unknown>;
    };

const ACCEPTED = '只接受 JPEG、PNG、WebP 图片和 PDF 文件';

/** Sizes in messages: the file's size rounded up, the limit rounded down, so "10.1 MB > 10 MB" never reads "10 MB > 10 MB". */
function formatSize(bytes: number, round: (x: number) => number): string {
  const mb = 1024 * 1024;
  return bytes >= mb ? `${String(round((bytes / mb) * 10) / 10)} MB` : `${String(round(bytes / 1024))} KB`;
}

/**
 * Checks one uploaded attachment: not empty, content of an accepted type, extension and
 * declared MIME type matching the content, size within the limit for its type.
 */
export function checkAttachment(
  file: { fileName: string; declaredMime?: string | null; bytes: Uint8Array },
  limits: AttachmentLimits = defaultAttachmentLimits,
): AttachmentCheck {
  const name = file.fileName;
  const size = file.bytes.length;
  const fail = (code: AttachmentProblemCode, message: string, details: Record<string, unknown> = {}): AttachmentCheck => ({
    ok: false,
    code,
    httpCode: code === 'ATTACHMENT_TOO_LARGE' ? 'PAYLOAD_TOO_LARGE' : 'BAD_FILE',
    message,
    details: { fileName: name, size, ...details },
  });

  if (size === 0) return fail('ATTACHMENT_EMPTY', `附件“${name}”是空文件，请重新选择文件上传`);
  const kind = detectAttachmentKind(file.bytes);
  const byExtension = kindOfExtension(name);
  if (kind === null) {
    return byExtension === null
      ? fail(
          'ATTACHMENT_UNSUPPORTED',
          `附件“${name}”的格式不受支持：${ACCEPTED}；手机照片如为 HEIC 格式，请在相机设置中改为“兼容性最佳”或转换为 JPEG 后上传`,
        )
      : fail(
          'ATTACHMENT_DISGUISED',
          `附件“${name}”的扩展名是${attachmentKindLabel[byExtension]}，但文件内容不是${attachmentKindLabel[byExtension]}；请上传原始文件（${ACCEPTED}）`,
          {
            claimed: byExtension,
          },
        );
  }
  if (byExtension === null) {
    return fail(
      'ATTACHMENT_UNSUPPORTED',
      `附件“${name}”的文件名缺少有效扩展名；内容是${attachmentKindLabel[kind]}，请将文件名改为以 .${extensionsOf[kind][0]} 结尾后上传`,
      { detected: kind },
    );
  }
  if (byExtension !== kind) {
    return fail(
      'ATTACHMENT_DISGUISED',
      `附件“${name}”的扩展名表示${attachmentKindLabel[byExtension]}，实际内容却是${attachmentKindLabel[kind]}；文件类型被改动过，请上传原始文件`,
      {
        detected: kind,
        claimed: byExtension,
      },
    );
  }
  const declared = (file.declaredMime ?? '').split(';')[0]!.trim().toLowerCase();
  if (!undeclaredMimes.has(declared)) {
    const byMime = kindOfMime(declared);
    if (byMime !== kind) {
      return fail(
        'ATTACHMENT_DISGUISED',
        `附件“${name}”声明的类型 ${declared} 与实际内容（${attachmentKindLabel[kind]}）不符；请上传原始文件`,
        {
          detected: kind,
          declaredMime: declared,
        },
      );
    }
  }
  const limit = kind === 'pdf' ? limits.pdfBytes : limits.imageBytes;
  if (size > limit) {
    return fail(
      'ATTACHMENT_TOO_LARGE',
      `附件“${name}”大小为 ${formatSize(size, Math.ceil)}，超过${kind === 'pdf' ? ' PDF 文件' : '图片'}上限 ${formatSize(limit, Math.floor)}；请压缩后重新上传`,
      {
        detected: kind,
        limit,
      },
    );
  }
  return { ok: true, kind, mime: attachmentMime[kind], size };
}
