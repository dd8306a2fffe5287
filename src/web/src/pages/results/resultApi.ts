// The result pages' calls and the shapes they read, all taken from the server's route table:
// result entry, confirmation and review steps, the attachment upload (the console's one upload
// helper).
import { ApiError, call, uploadFile, type ApiInput, type ApiOutput } from '../../api.ts';

export type ResultInput = ApiInput<'PUT /api/visits/:drawId/:uscc/result'>['body'];
export type ItemResultInput = ResultInput['items'][number]['result'];
export type VisitDetail = ApiOutput<'GET /api/visits/:drawId/:uscc'>;
export type ResultDetail = ApiOutput<'GET /api/results/:id'>;
export type ResultView = ApiOutput<'GET /api/results'>['items'][number];
export type MyVisits = ApiOutput<'GET /api/my-visits'>;
export type Deadlines = ApiOutput<'GET /api/results/deadlines'>;
export type DeadlineRow = Deadlines['items'][number];
export type AbnormalStep = Deadlines['abnormalSteps'][number];
export type PublicResult = ApiOutput<'GET /api/public/results'>['items'][number];

export const resultCommand = {
  save: (drawId: string, uscc: string, input: ResultInput) =>
    call('PUT /api/visits/:drawId/:uscc/result', { params: { drawId, uscc }, body: input }),
  confirm: (id: string) => call('POST /api/results/:id/confirm', { params: { id } }),
  submit: (id: string) => call('POST /api/results/:id/submit', { params: { id } }),
  return: (id: string, reason: string) => call('POST /api/results/:id/return', { params: { id }, body: { reason } }),
  publish: (id: string) => call('POST /api/results/:id/publish', { params: { id } }),
  correct: (id: string, reason: string) => call('POST /api/results/:id/correct', { params: { id }, body: { reason } }),
  requestStop: (id: string, reason: string) => call('POST /api/results/:id/stop-requests', { params: { id }, body: { reason } }),
  decideStop: (id: string, approve: boolean, reason: string) =>
    call('POST /api/results/:id/stop-requests/decision', { params: { id }, body: { approve, reason } }),
  abnormalListing: (id: string, on: string, decisionNumber: string) =>
    call('POST /api/results/:id/abnormal-listing', { params: { id }, body: { on, decisionNumber } }),
};

export function uploadResultAttachment(id: string, file: File) {
  return uploadFile('POST /api/results/:id/attachments', file, { params: { id } });
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
    .map((p) => ({
      field: String((p as { path?: unknown }).path ?? p.field ?? '').replace(/^items\.(\d+)\.(?:result\.)?/, 'items[$1].'),
      message: p.message,
    }));
}
