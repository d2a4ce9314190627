import { describe, expect, it } from 'vitest';
import { NO_SUMMARY, scriptSummary } from './script-summary';

describe('what a script says it tests', () => {
  it('reads the leading comment, skipping the licence notice', () => {
    const text = [
      '// SPDX-License-Identifier: GPL-2.0',
      '//',
      '// Minimal active open.',
      '// First to close connection.',
      '',
      '`./defaults.sh`',
      '// Create a socket.',
      '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
    ].join('\n');
    expect(scriptSummary(text)).toBe('Minimal active open. First to close connection.');
  });

  it('says so when the script describes nothing', () => {
    expect(scriptSummary('// Copyright (c) 2016\n0 socket(..., SOCK_STREAM, 0) = 3')).toBe(
      NO_SUMMARY,
    );
  });
});
