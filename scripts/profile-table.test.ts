import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROFILE_FIELDS } from '../src/engine';
import { ENGINE_DOC, renderProfileTable, withFreshProfileTable } from './profile-table';

describe("docs/engine.md's profile table", () => {
  const page = readFileSync(ENGINE_DOC, 'utf8');

  it('is the profile data as it is (run npm run docs:profiles when this fails)', async () => {
    expect(page).toBe(await withFreshProfileTable(page));
  });

  it('has a row per field, with its source and, for linux, the sysctl that drives it', () => {
    const table = renderProfileTable();
    for (const field of Object.keys(PROFILE_FIELDS))
      expect(table).toMatch(new RegExp(`^\\| \`${field}\` \\|`, 'm'));
    expect(table).toMatch(
      /^\| `synRetries` \|.*\| `tcp_syn_retries`, `tcp_syn_linear_timeouts` \|/m,
    );
    expect(table).toMatch(/^\| `rtoMinMs` \|.*\| 1000 \| 200 \| 30 \| — \| RFC 6298 §2\.4/m);
  });
});
