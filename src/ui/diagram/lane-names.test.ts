import { describe, expect, it } from 'vitest';
import { crowdedShortNames, shortLaneNames } from './lane-names';

const short = (names: string[]) => [...shortLaneNames(names).values()];

describe('short lifeline names for crowded heads', () => {
  it('numbers several clients, the first of them 1, and keeps a lone server a letter', () => {
    expect(short(['client', 'client-2', 'client-3', 'client-4', 'server'])).toEqual([
      'c1',
      'c2',
      'c3',
      'c4',
      's',
    ]);
  });

  it('tells a load balancer from its two backends and its clients', () => {
    expect(short(['client', 'client-2', 'client-3', 'balancer', 'server', 'server-2'])).toEqual([
      'c1',
      'c2',
      'c3',
      'b',
      's1',
      's2',
    ]);
  });

  it('takes as many letters as two bases that start alike need', () => {
    expect(short(['client', 'server', 'spoofed'])).toEqual(['c', 'se', 'sp']);
  });

  it('gives every lane a distinct name', () => {
    const names = ['a-1', 'a1', 'host', 'host-2', 'h'];
    const shorts = short(names);
    expect(new Set(shorts).size).toBe(names.length);
  });

  it('keeps a name that is already as short as its abbreviation', () => {
    expect(short(['a', 'b'])).toEqual(['a', 'b']);
  });
});

describe('which heads give way to their short names', () => {
  const fitting = (names: string[], narrow: string[]) =>
    Object.fromEntries(crowdedShortNames(names, (i) => !narrow.includes(names[i] ?? '')));

  it('shortens only the name that does not fit when its neighbours do', () => {
    expect(fitting(['client', 'server', 'attacker'], ['attacker'])).toEqual({ attacker: 'a' });
  });

  it('shortens a crowded name with all its siblings, so a row never mixes client and c2', () => {
    expect(fitting(['client', 'client-2', 'server'], ['client-2'])).toEqual({
      client: 'c1',
      'client-2': 'c2',
    });
  });

  it('shortens nothing when every name fits', () => {
    expect(fitting(['client', 'server'], [])).toEqual({});
  });
});
