// Attachment checks (photos and PDF scans as result evidence). Pure.
export {
  type AttachmentCheck,
  type AttachmentKind,
  type AttachmentLimits,
  type AttachmentProblemCode,
  attachmentKindLabel,
  attachmentMime,
  checkAttachment,
  defaultAttachmentLimits,
  detectAttachmentKind,
  kindOfExtension,
  kindOfMime,
} from './sniff.ts';
