import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AttachmentKind, attachmentMime, checkAttachment, detectAttachmentKind } from './index.ts';

const signature: Record<AttachmentKind, number[]> = {
  jpeg: [0xff, 0xd8, 0xff, 0xe0],
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  webp: [...'RIFF'].map((c) => c.charCodeAt(0)).concat([0x24, 0, 0, 0], [...'WEBPVP8 '].map((c) => c.charCodeAt(0))),
  pdf: [...'%PDF-1.7\n'].map((c) => c.charCodeAt(0)),
};
const extension: Record<AttachmentKind, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', pdf: 'pdf' };
const kinds = Object.keys(signature) as AttachmentKind[];

const fileOf = (kind: AttachmentKind, size = 64): Uint8Array => {
  const bytes = new Uint8Array(size);
  bytes.set(signature[kind]);
  return bytes;
};

describe('detectAttachmentKind', () => {
  it('recognises JPEG, PNG, WebP and PDF by content', () => {
    for (const kind of kinds) expect(detectAttachmentKind(fileOf(kind))).toBe(kind);
  });

  it('rejects look-alikes: RIFF that is not WebP (a WAV), HTML, an EXE, truncated signatures', () => {
    const wav = fileOf('webp');
    wav.set([...'WAVE'].map((c) => c.charCodeAt(0)), 8);
    expect(detectAttachmentKind(wav)).toBeNull();
    expect(detectAttachmentKind(new TextEncoder().encode('<html><script>alert(1)</script>'))).toBeNull();
    expect(detectAttachmentKind(new Uint8Array([0x4d, 0x5a, 0x90, 0]))).toBeNull();
    expect(detectAttachmentKind(new Uint8Array([0x89, 0x50, 0x4e]))).toBeNull();
  });
});

describe('checkAttachment', () => {
  it('accepts a photo from a phone (upper-case extension, generic declared type)', () => {
    expect(checkAttachment({ fileName: 'IMG_0001.JPG', declaredMime: 'application/octet-stream', bytes: fileOf('jpeg') })).toEqual({
      ok: true,
      kind: 'jpeg',
      mime: 'image/jpeg',
      size: 64,
    });
  });

  it('refuses a disguised file: a PDF renamed .jpg, an HTML page renamed .png, a mismatched MIME', () => {
    expect(checkAttachment({ fileName: '现场照片.jpg', bytes: fileOf('pdf') })).toMatchObject({
      ok: false,
      code: 'ATTACHMENT_DISGUISED',
      httpCode: 'BAD_FILE',
      message: '附件“现场照片.jpg”的扩展名表示JPEG 图片，实际内容却是PDF 文件；文件类型被改动过，请上传原始文件',
    });
    expect(checkAttachment({ fileName: 'a.png', bytes: new TextEncoder().encode('<html>') })).toMatchObject({ code: 'ATTACHMENT_DISGUISED' });
    expect(checkAttachment({ fileName: 'a.png', declaredMime: 'application/pdf', bytes: fileOf('png') })).toMatchObject({
      code: 'ATTACHMENT_DISGUISED',
      message: '附件“a.png”声明的类型 application/pdf 与实际内容（PNG 图片）不符；请上传原始文件',
    });
  });

  it('refuses empty, unsupported and extension-less files with what to do', () => {
    expect(checkAttachment({ fileName: 'a.jpg', bytes: new Uint8Array() })).toMatchObject({ code: 'ATTACHMENT_EMPTY', message: '附件“a.jpg”是空文件，请重新选择文件上传' });
    expect(checkAttachment({ fileName: 'IMG_1.HEIC', bytes: new Uint8Array([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70]) })).toMatchObject({ code: 'ATTACHMENT_UNSUPPORTED' });
    expect(checkAttachment({ fileName: 'scan', bytes: fileOf('pdf') })).toMatchObject({
      code: 'ATTACHMENT_UNSUPPORTED',
      message: '附件“scan”的文件名缺少有效扩展名；内容是PDF 文件，请将文件名改为以 .pdf 结尾后上传',
    });
  });

  it('size limits per type, defaults 10 MB images and 20 MB PDFs, overridable', () => {
    const bigImage = fileOf('jpeg', 10 * 1024 * 1024 + 1);
    expect(checkAttachment({ fileName: 'a.jpg', bytes: bigImage })).toMatchObject({
      code: 'ATTACHMENT_TOO_LARGE',
      httpCode: 'PAYLOAD_TOO_LARGE',
      message: '附件“a.jpg”大小为 10.1 MB，超过图片上限 10 MB；请压缩后重新上传',
    });
    expect(checkAttachment({ fileName: 'a.pdf', bytes: fileOf('pdf', 10 * 1024 * 1024 + 1) }).ok).toBe(true);
    expect(checkAttachment({ fileName: 'a.pdf', bytes: fileOf('pdf', 2048) }, { imageBytes: 1024, pdfBytes: 1024 })).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE' });
  });
});

describe('attachments: properties', () => {
  const kindArb = fc.constantFrom(...kinds);

  it('a genuine file with its own extension and MIME is accepted whatever follows the signature', () => {
    fc.assert(
      fc.property(kindArb, fc.uint8Array({ maxLength: 200 }), (kind, tail) => {
        const bytes = new Uint8Array([...signature[kind], ...tail]);
        const result = checkAttachment({ fileName: `证据.${extension[kind]}`, declaredMime: attachmentMime[kind], bytes });
        expect(result).toEqual({ ok: true, kind, mime: attachmentMime[kind], size: bytes.length });
      }),
    );
  });

  it('a genuine file under another type’s extension is always refused as disguised', () => {
    fc.assert(
      fc.property(kindArb, kindArb, fc.uint8Array({ maxLength: 50 }), (real, claimed, tail) => {
        fc.pre(real !== claimed);
        const result = checkAttachment({ fileName: `x.${extension[claimed]}`, bytes: new Uint8Array([...signature[real], ...tail]) });
        expect(result).toMatchObject({ ok: false, code: 'ATTACHMENT_DISGUISED' });
      }),
    );
  });

  it('random bytes are accepted only when they really carry a signature', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), kindArb, (bytes, claimed) => {
        const result = checkAttachment({ fileName: `x.${extension[claimed]}`, bytes });
        expect(result.ok).toBe(detectAttachmentKind(bytes) === claimed);
      }),
    );
  });
});
