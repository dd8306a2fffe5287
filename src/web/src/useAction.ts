// One way for a button or a dialog to run a command: busy while it runs, the command's own
// success sentence as a toast, a failure's message (the server's Chinese text) as an error toast
// that stays long enough to read. The caller learns whether it worked, so a dialog closes — and
// clears what the person typed — only after success.
import { App } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError } from './api.ts';
import { toApiError } from './useApiData.ts';

/** Seconds an error toast stays: long enough to read a sentence that says how to fix. */
const ERROR_SECONDS = 8;

/**
 * A command's work resolves to the sentence to show on success (nothing: no toast) and throws on
 * failure; `refuse` stops it before it is sent, with what the person has to do.
 */
export type ActionWork = () => Promise<string | void>;

/** Stops a command before it reaches the server, with what to fix (shown like a server refusal). */
export function refuse(message: string): never {
  throw new ApiError(0, 'client_check', message);
}

/**
 * Runs `work` for a command where a 401 (the session has already ended) is not a failure to show:
 * `signedOut` runs instead and the result is undefined.
 */
export async function unlessSignedOut<T>(work: () => Promise<T>, signedOut: () => void): Promise<T | undefined> {
  try {
    return await work();
  } catch (e) {
    if (toApiError(e).status !== 401) throw e;
    signedOut();
    return undefined;
  }
}

export function useAction(): { busy: boolean; run: (work: ActionWork) => Promise<boolean> } {
  const { message } = App.useApp();
  const showError = useCallback((failure: string) => void message.error({ content: failure, duration: ERROR_SECONDS }), [message]);
  return useCommand(showError);
}

/**
 * The same for a form that shows a failure beside its fields rather than as a toast: `error` holds
 * the last failure's message until the next attempt.
 */
export function useFormAction(): { busy: boolean; error: string | null; run: (work: ActionWork) => Promise<boolean> } {
  const [error, setError] = useState<string | null>(null);
  const command = useCommand(setError);
  const run = useCallback(
    (work: ActionWork) => {
      setError(null);
      return command.run(work);
    },
    [command.run],
  );
  return { busy: command.busy, error, run };
}

function useCommand(onFailure: (message: string) => void): { busy: boolean; run: (work: ActionWork) => Promise<boolean> } {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (work: ActionWork) => {
      setBusy(true);
      try {
        const done = await work();
        if (done) void message.success(done);
        return true;
      } catch (e) {
        onFailure(toApiError(e).message);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [message, onFailure],
  );
  return { busy, run };
}
