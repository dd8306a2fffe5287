// The portal's 停止公示申请 calls and shapes, taken from the server's route table.
import { call, type ApiInput, type ApiOutput } from '../../api.ts';

export type StopApplication = ApiInput<'POST /api/public/publication-requests'>['body'];
export type StopReceipt = ApiOutput<'POST /api/public/publication-requests'>;
export type StopProgress = ApiOutput<'POST /api/public/publication-requests/status'>;

export const submitStopApplication = (body: StopApplication) => call('POST /api/public/publication-requests', { body });
export const readStopProgress = (receipt: string) => call('POST /api/public/publication-requests/status', { body: { receipt } });

/** A file's bytes as base64 (the application is sent as one JSON request). */
export function fileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error('读取文件失败，请重新选择文件'));
    reader.readAsDataURL(file);
  });
}

/** Scans the server accepts (it checks the content again). */
export const scanLimitMb = 5;
export const scanAccept = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
export function scanProblem(file: File): string | null {
  if (!/\.(pdf|jpe?g|png)$/i.test(file.name)) return `扫描件“${file.name}”的格式不受支持：只接受 PDF、JPG 或 PNG 文件`;
  if (file.size > scanLimitMb * 1024 * 1024) return `扫描件“${file.name}”超过 ${scanLimitMb} MB，请压缩后重新上传`;
  if (file.size === 0) return `扫描件“${file.name}”是空文件，请重新选择`;
  return null;
}
