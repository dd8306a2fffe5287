// What the console shows when something fails is Chinese: the server's message as sent, a
// Chinese sentence for a fault in the page or an answer without a message — never English, an
// error code or a field path (userTextProblems).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { ApiError, apiRequest } from './api.ts';
import { toApiError } from './useApiData.ts';
import { ApiErrorAlert } from './components/ApiErrorAlert.tsx';
import { userTextProblems } from '../../testing/userText.ts';

const visibleText = (html: string) => html.replace(/<[^>]*>/g, ' ');

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('error display', () => {
  it('a fault in the page becomes a Chinese sentence, not its English text', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (const fault of [new TypeError("Cannot read properties of undefined (reading 'items')"), 'boom', null]) {
      expect(userTextProblems(toApiError(fault).message)).toEqual([]);
    }
    const server = new ApiError(400, 'VALIDATION_FAILED', '填写的内容有误，请修正后重试：检查日期：必须填写');
    expect(toApiError(server)).toBe(server);
  });

  it('an answer without a message (a proxy page, an empty body) is worded in Chinese', async () => {
    for (const status of [400, 401, 403, 404, 413, 429, 500, 502]) {
      vi.stubGlobal('fetch', async () => new Response('<html>Bad Gateway</html>', { status, headers: { 'content-type': 'text/html' } }));
      const error = await apiRequest('GET', '/api/x').catch((e: unknown) => e as ApiError);
      expect(error).toBeInstanceOf(ApiError);
      expect(userTextProblems((error as ApiError).message), `${status}`).toEqual([]);
    }
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const offline = (await apiRequest('GET', '/api/x').catch((e: unknown) => e)) as ApiError;
    expect(userTextProblems(offline.message)).toEqual([]);
  });

  it('the alert shows the server’s message and never the error code', () => {
    const html = renderToStaticMarkup(
      <ApiErrorAlert error={new ApiError(400, 'VALIDATION_FAILED', '填写的内容有误，请修正后重试：检查日期：必须填写')} />,
    );
    expect(visibleText(html)).toContain('检查日期：必须填写');
    expect(userTextProblems(visibleText(html))).toEqual([]);
  });
});
