import { describe, expect, it } from 'vitest';
import { scrollToShow, visibleRows } from './visible-rows';

describe('visibleRows', () => {
  it('renders only the rows in view plus the overscan margin', () => {
    expect(visibleRows(100_000, 36_000, 360, 36, 5)).toEqual({ first: 995, last: 1015 });
  });

  it('clamps at both ends and handles an empty table', () => {
    expect(visibleRows(12, 0, 360, 36, 5)).toEqual({ first: 0, last: 12 });
    expect(visibleRows(0, 0, 360, 36)).toEqual({ first: 0, last: 0 });
  });
});

describe('scrollToShow', () => {
  it('leaves a visible row alone and scrolls the least to show another', () => {
    expect(scrollToShow(3, 0, 360, 36, 36)).toBeUndefined();
    expect(scrollToShow(50, 0, 360, 36, 36)).toBe(51 * 36 - 360 + 36);
    expect(scrollToShow(2, 1000, 360, 36, 36)).toBe(72);
  });
});
