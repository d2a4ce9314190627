import { describe, expect, it } from 'vitest';
import { PROFILE_FIELDS } from './profile-docs';
import { profiles } from './profiles';

describe('profiles', () => {
  it('every field of every profile has a description for the docs table, and no description is stale', () => {
    for (const p of Object.values(profiles)) {
      const fields = Object.keys(p).filter((k) => k !== 'name');
      expect(fields.sort()).toEqual(Object.keys(PROFILE_FIELDS).sort());
    }
  });

  it('the rfc profile keeps MUST-23: SYNs are retried for at least 3 minutes', () => {
    const p = profiles.rfc;
    let total = 0;
    for (let i = 0; i <= p.synRetries; i++) {
      total += Math.min(
        p.rtoMaxMs,
        p.rtoInitialMs * (p.synBackoff[Math.min(i, p.synBackoff.length - 1)] ?? 1),
      );
    }
    expect(total).toBeGreaterThanOrEqual(180_000);
  });

  it('TIME-WAIT is 2 × MSL: 240 s by the RFC, 60 s on linux and freebsd', () => {
    expect([
      profiles.rfc.timeWaitMs,
      profiles.linux.timeWaitMs,
      profiles.freebsd.timeWaitMs,
    ]).toEqual([240_000, 60_000, 60_000]);
  });
});
