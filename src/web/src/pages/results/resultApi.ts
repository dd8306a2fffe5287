// Write calls of the result pages: result entry, confirmation and review steps, the attachment
// upload (raw body + X-File-Name, like the other uploads of the console).
import { ApiError, apiRequest } from '../../api.ts';
import type { ResultInput } from '../../resultsApiTypes.ts';

export const resultCommand = {
  save: (drawId: string, uscc: string, input: ResultInput) =>
    apiRequest<{ id: string; status: string }>('PUT', `/api/visits/${drawId}/${encodeURIComponent(uscc)}/result`, input),
  confirm: (id: string) => apiRequest<{ confirmedBy: string[]; waitingFor: string[] }>('POST', `/api/results/${id}/confirm`, {}),
  submit: (id: string) => apiRequest<{ status: string }>('POST', `/api/results/${id}/submit`, {}),
  return: (id: string, reason: string) => apiRequest<{ status: string }>('POST', `/api/results/${id}/return`, { reason }),
  publish: (id: string) =>
    apiRequest<{ status: string; publishedOn: string; followupsOpened: number; abnormalList: boolean }>(
      'POST',
      `/api/results/${id}/publish`,
      {},
    ),
  correct: (id: string, reason: string) =>
    apiRequest<{ status: string; version: number }>('POST', `/api/results/${id}/correct`, { reason }),
  requestStop: (id: string, reason: string) => apiRequest<unknown>('POST', `/api/results/${id}/stop-requests`, { reason }),
  decideStop: (id: string, approve: boolean, reason: string) =>
    apiRequest<unknown>('POST', `/api/results/${id}/stop-requests/decision`, { approve, reason }),
};

export async function uploadResultAttachment(id: string, file: File): Promise<{ id: string; kind: string; bytes: number }> {
  let response: Response;
  try {
    response = await fetch(`/api/results/${id}/attachments`, {
      method: 'POST',
      headers: { 'X-File-Name': encodeURIComponent(file.name), 'Content-Type': 'application/octet-stream', Accept: 'application/json' },
      body: file,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network_error', '上传失败：无法连接服务器，请检查网络后重试。');
  }
  const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string; details?: unknown };
  if (!response.ok) {
    throw new ApiError(
      response.status,
      body.code ?? `http_${response.status}`,
      body.message ?? `上传失败（HTTP ${response.status}）。`,
      body.details,
    );
  }
  return body as unknown as { id: string; kind: string; bytes: number };
}

/**
 * The per-field problems of a 400 answer: the result rules' details.problems (fields like
 * "items[0].categories", "checkedOn") or the request schema's details.issues (fields like
 * "items.0.result.categories"), both given as "items[0].categories".
 */
export function problemsOf(e: unknown): { field: string; message: string }[] {
  if (!(e instanceof ApiError)) return [];
  const details = e.details as { problems?: unknown; issues?: unknown } | undefined;
  const list = Array.isArray(details?.problems) ? details.problems : Array.isArray(details?.issues) ? details.issues : [];
  return list
    .filter(
      (p): p is { field: string; message: string } =>
        typeof p === 'object' && p !== null && typeof (p as { message?: unknown }).message === 'string',
    )
    .map((p) => ({ field: String((p as { path?: unknown }).path ?? p.field ?? '').replace(/^items\.(\d+)\.(?:result\.)?/, 'items[$1].'), message: p.message }));
}
