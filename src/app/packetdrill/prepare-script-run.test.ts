import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkScriptBytes,
  checkScriptSize,
  detectProfile,
  MAX_SCRIPT_BYTES,
  prepareScriptRun,
} from './prepare-script-run';

const active = readFileSync(
  new URL('../../../conformance/handshake-active.pkt', import.meta.url),
  'utf8',
);
/** A script that says nothing about its origin: no defaults.sh, no sysctl. */
const PLAIN = [
  '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
  '+0 bind(3, ..., ...) = 0',
  '+0 listen(3, 1) = 0',
  '+0 < S 0:0(0) win 65535 <mss 1000>',
  '+0 > S. 0:0(0) ack 1 <...>',
].join('\n');

describe('choosing the profile', () => {
  it('follows the script: defaults.sh means linux, a FreeBSD sysctl means freebsd', () => {
    expect(detectProfile(active, undefined)).toBe('linux');
    expect(detectProfile('`sysctl -w net.inet.tcp.sack.enable=0`\n' + PLAIN, undefined)).toBe(
      'freebsd',
    );
  });

  it('runs a pasted script that says nothing as packetdrill does (linux), a file as the rules say', () => {
    expect(detectProfile(PLAIN, undefined)).toBe('linux');
    expect(detectProfile(PLAIN, 'mine.pkt')).toBe('rfc');
    expect(detectProfile(PLAIN, 'google-packetdrill__tcp__x.pkt')).toBe('linux');
  });

  it('gives linux the defaults.sh settings even when the script omits the command', () => {
    const connecting = [
      '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      '+0...0.1 connect(3, ..., ...) = 0',
      '+0 > S 0:0(0) <...>',
    ].join('\n');
    const prepared = prepareScriptRun(connecting, { profile: 'linux' });
    if (!prepared.ok) throw new Error(prepared.message);
    const syn = prepared.load.run.trace.find((e) => e.type === 'send' && e.from === 'engine');
    // packetdrill's defaults.sh: wscale 8, SACK and timestamps on (PROFILES.md).
    expect(syn?.type === 'send' && syn.options).toEqual(
      expect.arrayContaining([{ kind: 'sackOK' }, { kind: 'wscale', shift: 8 }]),
    );
    expect(syn?.type === 'send' && syn.options.some((o) => o.kind === 'ts')).toBe(true);
  });
});

describe('what the dialog reports', () => {
  it('loads a passing script with its name, profile and counts', () => {
    const prepared = prepareScriptRun(active, {
      fileName: 'handshake-active.pkt',
      profile: 'linux',
    });
    if (!prepared.ok) throw new Error(prepared.message);
    expect(prepared.load.info).toMatchObject({
      name: 'handshake-active.pkt',
      profile: 'linux',
      outcome: 'passed',
      failure: null,
      counts: { failed: 0 },
    });
  });

  it('names a syntax error by line:column and loads nothing', () => {
    const prepared = prepareScriptRun(`${PLAIN}\n+0 > Q 0:0(0)`, { profile: 'linux' });
    expect(prepared).toEqual({
      ok: false,
      message: expect.stringMatching(/^Syntax error at line 6:\d+: /),
    });
  });

  it('refuses an empty script, a huge one and binary bytes, saying why', () => {
    expect(prepareScriptRun('  \n', { profile: 'rfc' })).toMatchObject({
      ok: false,
      message: /empty/,
    });
    const huge = '// x\n'.repeat(MAX_SCRIPT_BYTES / 4);
    expect(prepareScriptRun(huge, { profile: 'rfc' })).toMatchObject({
      ok: false,
      message: /^The script is \d+ KB; the lab opens scripts up to 256 KB/,
    });
    expect(checkScriptBytes(Uint8Array.from([0x41, 0x00, 0x42]))).toMatch(/byte 2 is a NUL byte/);
    expect(checkScriptBytes(Uint8Array.from([0xff, 0xfe, 0x41]))).toMatch(/not valid UTF-8/);
    expect(checkScriptBytes(new TextEncoder().encode(active))).toBeNull();
  });
});

describe('hostile scripts', () => {
  const nested = `0 setsockopt(3, SOL_SOCKET, SO_LINGER, ${'['.repeat(2333)}1, 4) = 0`;

  it('choose a profile without throwing, so pasting keeps the text box', () => {
    expect(detectProfile(nested, undefined)).toBe('linux');
  });

  it('are named in one message with their place', () => {
    expect(prepareScriptRun(nested, { profile: 'linux' })).toEqual({
      ok: false,
      message: 'Syntax error at line 1:71: arguments nest deeper than 32 levels of [ ], { } or ( )',
    });
  });

  it('refuse a file by its size before reading it', () => {
    expect(checkScriptSize(MAX_SCRIPT_BYTES)).toBeNull();
    expect(checkScriptSize(25 * 1024 * 1024)).toBe(
      'The file is 25,600 KB; the lab opens scripts up to 256 KB.',
    );
  });
});
