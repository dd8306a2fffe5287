import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../hash/index.ts';
import { compareTickets, makeTicketer } from './tickets.ts';

describe('ticket(id) (docs/draw-spec.md §5)', () => {
  it('is H("ssj-draw/1/ticket", seed, id), checked against node:crypto', () => {
    const seed = 'a'.repeat(64);
    const id = '91140581MA0WE0011X';
    // tag ‖ 00 ‖ 00000040 ‖ seed ‖ 00000012 ‖ id
    const input = Buffer.concat([
      Buffer.from('ssj-draw/1/ticket\u0000'),
      Buffer.from([0, 0, 0, 64]),
      Buffer.from(seed),
      Buffer.from([0, 0, 0, 18]),
      Buffer.from(id),
    ]);
    const ticketOf = makeTicketer('sm3', seed);
    expect(bytesToHex(ticketOf(id))).toBe(createHash('sm3').update(input).digest('hex'));
    expect(bytesToHex(makeTicketer('sha256', seed)(id))).toBe(createHash('sha256').update(input).digest('hex'));
  });

  it('reuses its buffer safely across ids of different lengths and scripts', () => {
    const ticketOf = makeTicketer('sm3', 'b'.repeat(64));
    const long = '上海市某某食品有限公司'.repeat(10);
    const first = bytesToHex(ticketOf('X'));
    ticketOf(long);
    expect(bytesToHex(ticketOf('X'))).toBe(first);
    expect(bytesToHex(ticketOf(long))).toBe(bytesToHex(makeTicketer('sm3', 'b'.repeat(64))(long)));
  });

  it('orders tickets as 256-bit big-endian integers', () => {
    const t = (hex: string) => Uint8Array.from(Buffer.from(hex.padEnd(64, '0'), 'hex'));
    expect(compareTickets(t('00ff'), t('0100'))).toBeLessThan(0);
    expect(compareTickets(t('ff'), t('fe'))).toBeGreaterThan(0);
    expect(compareTickets(t('12'), t('12'))).toBe(0);
  });
});
