// Calls of the plan pages beyond plain GETs: the file upload and the write endpoints, by route key.
import { ApiError, call, uploadFile, type ApiInput } from '../../api.ts';
import { toApiError } from '../../useApiData.ts';

export function uploadPlanFile(file: File, query: ApiInput<'POST /api/plans/import'>['query']) {
  return uploadFile('POST /api/plans/import', file, { query });
}

type TaskBody = ApiInput<'POST /api/plans/:id/tasks'>['body'];

export const planCommand = {
  patch: (id: string, header: ApiInput<'PATCH /api/plans/:id'>['body']) => call('PATCH /api/plans/:id', { params: { id }, body: header }),
  publish: (id: string, reasons: { reason?: string | undefined; undrawableReason?: string | undefined }) =>
    call('POST /api/plans/:id/publish', {
      params: { id },
      body: {
        ...(reasons.reason ? { reason: reasons.reason } : {}),
        ...(reasons.undrawableReason ? { undrawableReason: reasons.undrawableReason } : {}),
      },
    }),
  adjust: (id: string) => call('POST /api/plans/:id/adjust', { params: { id } }),
  discard: (id: string) => call('POST /api/plans/:id/discard', { params: { id } }),
  file: (id: string) => call('POST /api/plans/:id/file', { params: { id } }),
  remove: (id: string) => call('DELETE /api/plans/:id', { params: { id } }),
  addTask: (id: string, body: TaskBody) => call('POST /api/plans/:id/tasks', { params: { id }, body }),
  updateTask: (id: string, code: string, body: TaskBody) => call('PUT /api/plans/:id/tasks/:code', { params: { id, code }, body }),
  deleteTask: (id: string, code: string) => call('DELETE /api/plans/:id/tasks/:code', { params: { id, code } }),
};

export function errorOf(e: unknown): ApiError {
  return toApiError(e);
}
