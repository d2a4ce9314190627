import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAB_SETTINGS } from '../src/sim/settings';
import { SETTINGS_DOC, withFreshTable } from './settings-table';

describe('docs/settings.md', () => {
  const page = readFileSync(SETTINGS_DOC, 'utf8');

  it('lists every setting exactly as declared (run npm run docs:settings when this fails)', async () => {
    expect(page).toBe(await withFreshTable(page));
  });

  it('has a row for every setting', () => {
    for (const setting of LAB_SETTINGS)
      expect(page).toMatch(new RegExp(`^\\| \`${setting.name}\` +\\|`, 'm'));
  });
});
