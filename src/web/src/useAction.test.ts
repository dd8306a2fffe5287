// unlessSignedOut: a 401 (the session already ended) runs the signed-out step instead of failing;
// any other refusal still fails, so its message reaches the person.
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api.ts';
import { unlessSignedOut } from './useAction.ts';

describe('unlessSignedOut', () => {
  it('passes the answer through when the command succeeds', async () => {
    const signedOut = vi.fn();
    await expect(unlessSignedOut(() => Promise.resolve('ok'), signedOut)).resolves.toBe('ok');
    expect(signedOut).not.toHaveBeenCalled();
  });

  it('runs the signed-out step and answers undefined on a 401', async () => {
    const signedOut = vi.fn();
    const work = () => Promise.reject(new ApiError(401, 'unauthenticated', '请先登录'));
    await expect(unlessSignedOut(work, signedOut)).resolves.toBeUndefined();
    expect(signedOut).toHaveBeenCalledTimes(1);
  });

  it('still fails with the server message on any other refusal', async () => {
    const signedOut = vi.fn();
    const work = () => Promise.reject(new ApiError(403, 'forbidden', '没有权限'));
    await expect(unlessSignedOut(work, signedOut)).rejects.toThrow('没有权限');
    expect(signedOut).not.toHaveBeenCalled();
  });
});
