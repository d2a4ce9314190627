import { describe, expect, it } from 'vitest';
import type { TimerSpan } from '../../store';
import { timerNote } from './timer-note';

const rto: TimerSpan = {
  endpoint: 'client',
  connection: 'client 10.0.0.1:49152-10.0.0.2:80',
  timer: 'retransmit',
  setAt: 10,
  setIndex: 5,
  expiresAt: 1010,
  endAt: 1010,
  endIndex: 9,
  outcome: 'fired',
};

describe('a timer beside its lifeline', () => {
  it('counts down while it runs', () => {
    expect(timerNote(rto, 85, false)).toBe('RTO 925 ms left');
    expect(timerNote(rto, 85, false, true)).toBe('RTO 925 ms');
  });

  it('says how it ended once it has', () => {
    expect(timerNote(rto, 1010, true)).toBe('RTO fired');
    expect(timerNote({ ...rto, outcome: 'cancelled', endAt: 110 }, 200, true)).toBe('RTO stopped');
  });

  it('drops "left" when the words would not fit the margin', () => {
    const timeWait = { ...rto, timer: 'time-wait' as const, expiresAt: 60_010, endAt: 60_010 };
    expect(timerNote(timeWait, 210, false)).toBe('TIME-WAIT 59.8 s');
  });
});
