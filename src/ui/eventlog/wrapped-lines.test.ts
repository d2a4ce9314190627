import { describe, expect, it } from 'vitest';
import { mostWrappedLines, wrappedLines } from './wrapped-lines';

describe('wrappedLines', () => {
  it('keeps a text that fits on one line', () => {
    expect(wrappedLines('SYN seq=700', 11)).toBe(1);
    expect(wrappedLines('', 10)).toBe(1);
  });

  it('breaks at the space before the word that does not fit', () => {
    // "SYN seq=700" (11) then "win=65535" on the next line.
    expect(wrappedLines('SYN seq=700 win=65535', 12)).toBe(2);
    expect(wrappedLines('SYN seq=700 win=65535', 21)).toBe(1);
  });

  it('breaks a word longer than the line inside it', () => {
    expect(wrappedLines('abcdefghij', 4)).toBe(3);
    expect(wrappedLines('ab abcdefghij cd', 4)).toBe(5);
  });

  it('takes the longest of several texts', () => {
    expect(mostWrappedLines(['a', 'aa aa aa', 'aaa'], 2)).toBe(3);
    expect(mostWrappedLines([], 10)).toBe(1);
  });
});
