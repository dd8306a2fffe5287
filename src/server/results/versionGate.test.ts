// The portal's shared version read: whatever the timing, a caller gets a value read after its call
// (so a commit that ended before the call is seen), and callers who wait together share reads.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VersionGate } from './publicPortal.ts';

describe('VersionGate', () => {
  it('resolves every call with a value at least as new as the counter at the call, sharing reads', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ bump: fc.boolean(), callers: fc.integer({ min: 0, max: 5 }), wait: fc.integer({ min: 0, max: 3 }) }), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 8 }),
        async (steps, readDelays) => {
          let counter = 0;
          let reads = 0;
          const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
          const gate = new VersionGate(async () => {
            const delay = readDelays[reads++ % readDelays.length]!;
            for (let i = 0; i < delay; i++) await tick();
            const value = counter; // the moment the query's snapshot is taken
            for (let i = 0; i < delay; i++) await tick();
            return String(value);
          });
          const checks: Promise<void>[] = [];
          let calls = 0;
          for (const step of steps) {
            if (step.bump) counter += 1;
            for (let i = 0; i < step.callers; i++) {
              const atCall = counter;
              calls += 1;
              checks.push(gate.current().then((v) => expect(Number(v)).toBeGreaterThanOrEqual(atCall)));
            }
            for (let i = 0; i < step.wait; i++) await tick();
          }
          await Promise.all(checks);
          expect(reads).toBeLessThanOrEqual(calls);
        },
      ),
    );
  });

  it('a crowd that calls at once shares at most two reads', async () => {
    let reads = 0;
    const gate = new VersionGate(async () => {
      reads += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return '7';
    });
    const first = gate.current();
    const crowd = await Promise.all(Array.from({ length: 100 }, () => gate.current()));
    expect(await first).toBe('7');
    expect(crowd.every((v) => v === '7')).toBe(true);
    expect(reads).toBe(2);
  });

  it('a failed read fails its callers only; the next call reads again', async () => {
    let reads = 0;
    const gate = new VersionGate(async () => {
      reads += 1;
      if (reads === 1) throw new Error('connection lost');
      return '3';
    });
    const failed = gate.current();
    const queued = gate.current();
    await expect(failed).rejects.toThrow('connection lost');
    expect(await queued).toBe('3');
    expect(await gate.current()).toBe('3');
  });
});
