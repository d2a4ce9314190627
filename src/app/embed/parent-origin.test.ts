import { describe, expect, it } from 'vitest';
import { parentOrigin } from './parent-origin';

describe('where events are posted', () => {
  it('to the embedding page’s origin when the referrer names it', () => {
    expect(parentOrigin('https://blog.example/posts/tcp?x=1', undefined)).toBe(
      'https://blog.example',
    );
  });

  it('to any origin when nothing names the parent (the events carry no secrets)', () => {
    expect(parentOrigin('', undefined)).toBe('*');
    expect(parentOrigin('not a url', [])).toBe('*');
  });

  it('with an allow-list: to the parent when listed, to no one when it is not', () => {
    const list = ['https://course.example', 'https://other.example'];
    expect(parentOrigin('https://course.example/unit/3', list)).toBe('https://course.example');
    expect(parentOrigin('https://evil.example/', list)).toBeNull();
  });

  it('with an allow-list and no referrer: to its only origin, or to any when it lists several', () => {
    expect(parentOrigin('', ['https://course.example'])).toBe('https://course.example');
    expect(parentOrigin('', ['https://a.example', 'https://b.example'])).toBe('*');
  });
});
