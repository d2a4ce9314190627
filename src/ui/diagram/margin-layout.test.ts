import { describe, expect, it } from 'vitest';
import { stackNotes } from './margin-layout';

describe('notes beside a lifeline', () => {
  it('keep their moment when free and stack when they would collide', () => {
    const placed = stackNotes(
      [
        { key: 'LISTEN', y: 10 },
        { key: 'SYN-RECEIVED', y: 100 },
        { key: 'RTO', y: 12 },
      ],
      18,
    );
    expect([placed.get('LISTEN'), placed.get('RTO'), placed.get('SYN-RECEIVED')]).toEqual([
      10, 28, 100,
    ]);
  });
});
