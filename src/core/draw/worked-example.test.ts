// The worked example bundle (fixtures/worked-example.bundle.json, docs/draw-verification.md).
// The file is generated from fixed inputs; set UPDATE_WORKED_EXAMPLE=1 to rewrite it.
// The constants below were computed independently (Python hashlib SM3, the script in
// docs/draw-verification.md) and by hand (allocation), not by this engine.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runDraw } from './bundle.ts';
import { verifyBundle } from './verify.ts';
import { workedExampleInput } from './worked-example.ts';

const FIXTURE = new URL('./fixtures/worked-example.bundle.json', import.meta.url);

function fixtureText(): string {
  const generated = `${JSON.stringify(runDraw(workedExampleInput()), null, 2)}\n`;
  if (process.env.UPDATE_WORKED_EXAMPLE === '1' || !existsSync(FIXTURE)) writeFileSync(FIXTURE, generated);
  return generated;
}

describe('worked example bundle', () => {
  const generated = fixtureText();
  const bundle = JSON.parse(readFileSync(FIXTURE, 'utf8'));

  it('is what the engine produces from the fixed inputs', () => {
    // Compared as data: a formatter may re-wrap the file without changing it.
    expect(bundle).toEqual(JSON.parse(generated));
  });

  it('verifies', () => {
    expect(verifyBundle(bundle)).toEqual({ status: 'VALID', scope: 'auditor' });
  });

  it('has the hand-checked key values', () => {
    expect(bundle.commit).toBe(WORKED.commit);
    expect(bundle.seed).toBe(WORKED.seed);
    expect(bundle.allocation).toEqual(WORKED.allocation);
    expect(bundle.sample.map((e: { group: string; class: string; id: string }) => `${e.group}/${e.class}/${e.id}`)).toEqual(WORKED.sample);
    expect(bundle.sample[0].ticket).toBe(WORKED.firstTicket);
    expect(bundle.visits.map((v: { id: string; items: string[] }) => `${v.id}:${v.items.join('+')}`)).toEqual(WORKED.visits);
  });
});

const WORKED = {
  commit: 'c55eb3fe3a4af4dccf9769e77fe77d8c25e3d20dfe84a1b2937bd7a03f3917f4',
  seed: '06fb04dc5db417347ac634e4656c86ab42d0a6c638cd1bd486b8733409f28400',
  // ticket of 91140581MA0WE0168B, the smallest among FOOD's class B
  firstTicket: '0250c01f3f093d70e73cc3335cc693bc1a0a437567e8961c023f7377fe7a2fc9',
  allocation: [
    // FOOD: N = 14 after 2 exclusions, 30% → n = ceil(4.2) = 5; D'Hondt on votes A 3, B 12, C 12, D 16.
    { group: 'FOOD', classes: { A: { N: 3, n: 0 }, B: { N: 6, n: 2 }, C: { N: 3, n: 1 }, D: { N: 2, n: 2 }, U: { N: 0, n: 0 } } },
    // PRICE: ceil(3·10%) = 1, ceil(5·20%) = 1, ceil(3·50%) = 2, min(1, ceil(1·100%)) = 1, U has no rate.
    { group: 'PRICE', classes: { A: { N: 3, n: 1 }, B: { N: 5, n: 1 }, C: { N: 3, n: 2 }, D: { N: 1, n: 1 }, U: { N: 0, n: 0 } } },
  ],
  sample: [
    'FOOD/B/91140581MA0WE0168B',
    'FOOD/B/91140581MA0WE0029L',
    'FOOD/C/91140581MA0WE015XB',
    'FOOD/D/91140581MA0WE0088P',
    'FOOD/D/91140581MA0WE0133Q',
    'PRICE/A/91140581MA0WE01098',
    'PRICE/B/91140581MA0WE0029L',
    'PRICE/C/91140581MA0WE01173',
    'PRICE/C/91140581MA0WE0045A',
    'PRICE/D/91140581MA0WE0088P',
  ],
  // 1+X: 0029L and 0088P are drawn by both groups, so one visit carries all three items.
  visits: [
    '91140581MA0WE0029L:SJ-FOOD-01+SJ-FOOD-02+SJ-PRICE-01',
    '91140581MA0WE0045A:SJ-PRICE-01',
    '91140581MA0WE0088P:SJ-FOOD-01+SJ-FOOD-02+SJ-PRICE-01',
    '91140581MA0WE01098:SJ-PRICE-01',
    '91140581MA0WE01173:SJ-PRICE-01',
    '91140581MA0WE0133Q:SJ-FOOD-01+SJ-FOOD-02',
    '91140581MA0WE015XB:SJ-FOOD-01+SJ-FOOD-02',
    '91140581MA0WE0168B:SJ-FOOD-01+SJ-FOOD-02',
  ],
};
