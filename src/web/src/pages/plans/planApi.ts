// Calls of the plan pages beyond plain GETs: the file upload (raw body + X-File-Name, like the
// other imports) and the write endpoints.
import { ApiError, apiRequest, withQuery, type QueryValue } from '../../api.ts';
import type { ImportResult } from '../../plansApiTypes.ts';

export async function uploadPlanFile(file: File, query: Record<string, QueryValue>): Promise<ImportResult> {
  let response: Response;
  try {
    response = await fetch(withQuery('/api/plans/import', query), {
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
      body.message ?? `导入失败（HTTP ${response.status}）。`,
      body.details,
    );
  }
  return body as unknown as ImportResult;
}

export const planCommand = {
  patch: (id: string, header: { title?: string; docNumber?: string; deadline?: string | null }) =>
    apiRequest<{ ok: true }>('PATCH', `/api/plans/${id}`, header),
  publish: (id: string, reason?: string) => apiRequest<{ version: number }>('POST', `/api/plans/${id}/publish`, reason ? { reason } : {}),
  adjust: (id: string) => apiRequest<{ version: number }>('POST', `/api/plans/${id}/adjust`, {}),
  discard: (id: string) => apiRequest<{ ok: true }>('POST', `/api/plans/${id}/discard`, {}),
  file: (id: string) => apiRequest<{ filedAt: string; version: number }>('POST', `/api/plans/${id}/file`, {}),
  remove: (id: string) => apiRequest<{ ok: true }>('DELETE', `/api/plans/${id}`),
  addTask: (id: string, body: { cells: Record<string, string>; subLibraryId: string | null }) =>
    apiRequest<{ code: string; problems: { severity: string; message: string }[] }>('POST', `/api/plans/${id}/tasks`, body),
  updateTask: (id: string, code: string, body: { cells: Record<string, string>; subLibraryId: string | null }) =>
    apiRequest<{ code: string; problems: { severity: string; message: string }[] }>(
      'PUT',
      `/api/plans/${id}/tasks/${encodeURIComponent(code)}`,
      body,
    ),
  deleteTask: (id: string, code: string) => apiRequest<{ ok: true }>('DELETE', `/api/plans/${id}/tasks/${encodeURIComponent(code)}`),
};

export function errorOf(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'client_error', String(e));
}
