/**
 * The 25 shared packetdrill scripts (../shared/conformance/packetdrill), each against its
 * expected outcome. Skipped, with a clear message, when the folder is not there.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScript } from '../runner/packetdrill';
import { judge } from './conformance-expectations';

const SHARED = fileURLToPath(new URL('../../../shared/conformance/packetdrill/', import.meta.url));
const present = existsSync(SHARED);
if (!present)
  console.warn(`SKIPPED: ${SHARED} is not here, so the shared conformance scripts were not run`);

/**
 * Scripts that fail today because the engine lacks a behaviour, pinned to the exact line and
 * reason so that a change shows up at once (and this entry must then go). docs/conformance.md
 * says what the engine would have to do.
 */
const KNOWN_ENGINE_GAPS: Readonly<Record<string, { line: number; reason: RegExp }>> = {};

describe.skipIf(!present)('shared conformance scripts (../shared/conformance/packetdrill)', () => {
  const scripts = present ? readdirSync(SHARED).filter((f) => f.endsWith('.pkt')) : [];
  const run = (name: string) => runScript(readFileSync(SHARED + name, 'utf8'), { fileName: name });

  it('are the 25 scripts the README lists', () => {
    expect(scripts).toHaveLength(25);
  });

  it.each(scripts.filter((s) => !(s in KNOWN_ENGINE_GAPS)))('%s meets its expectation', (name) => {
    const result = run(name);
    const judgement = judge(name, result);
    expect(judgement, `${result.firstFailure?.line}: ${result.firstFailure?.reason}`).toMatchObject(
      { verdict: 'pass' },
    );
    if (result.outcome === 'passed')
      expect(result.packetLines.checked).toBe(result.packetLines.total);
  });

  const gaps = Object.keys(KNOWN_ENGINE_GAPS);
  it.skipIf(gaps.length === 0).each(gaps)('%s still fails where the engine falls short', (name) => {
    const gap = KNOWN_ENGINE_GAPS[name]!;
    const result = run(name);
    expect(result.outcome, 'it passes now: remove it from KNOWN_ENGINE_GAPS').toBe('failed');
    expect(result.firstFailure?.line).toBe(gap.line);
    expect(result.firstFailure?.reason).toMatch(gap.reason);
  });

  it('takes the Linux profile with defaults.sh for google and kernel scripts, FreeBSD for the suite', () => {
    const linux = run('google-packetdrill__gtests__net__tcp__blocking__blocking-connect.pkt');
    expect(linux.profile).toMatchObject({ name: 'linux', origin: 'linux' });
    expect(linux.profile.notes[0]).toMatch(/^defaults\.sh: tcp_rmem [0-9 ]+ \(wscale 8\)/);
    expect(run('freebsd-tcp-testsuite__snippets__last-ack-ipv4.pkt').profile).toMatchObject({
      name: 'freebsd',
    });
  });

  it('runs the FreeBSD suite with the rfc profile when STANDARD is defined', () => {
    const name = 'freebsd-tcp-testsuite__snippets__last-ack-ipv4.pkt';
    const result = runScript(readFileSync(SHARED + name, 'utf8'), {
      fileName: name,
      defines: { STANDARD: '' },
    });
    expect(result.profile.name).toBe('rfc');
  });
});

describe('packet-timeout.pkt, written to fail at its third SYN', () => {
  const name = 'google-packetdrill__gtests__net__packetdrill__tests__packet-timeout.pkt';
  const text = [
    '`../../common/defaults.sh',
    ' ../../tcp/common/set_sysctls.py  /proc/sys/net/ipv4/tcp_syn_retries=RETRIES`',
    '',
    '   +0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
    '   +0...30 connect(3, ..., ...) = -1 ETIMEDOUT (Connection Timed Out)',
    '',
    '   +0 > S 0:0(0) <mss 1460, sackOK, TS val 100 ecr 0, nop,wscale 8>',
    '   +1 > S 0:0(0) <mss 1460, sackOK, TS val 1100 ecr 0, nop,wscale 8>',
    '   // Failure: error handling packet: Timed out waiting for packet',
    '   +2 > S 0:0(0) <mss 1460, sackOK, TS val 3100 ecr 0, nop,wscale 8>',
  ];
  // The same lines as the shared script, shifted so that the third SYN is on line 13 as there.
  const script = (retries: number): string =>
    ['', '', ''].concat(text).join('\n').replace('RETRIES', String(retries));

  it('counts as passed only when it fails at line 13 because the third SYN never comes', () => {
    const result = runScript(script(1), { fileName: name });
    expect(result.firstFailure?.line).toBe(13);
    expect(judge(name, result).verdict).toBe('pass');
  });

  it('counts as failed when a third SYN does come (a runner or engine that passes it is wrong)', () => {
    const result = runScript(script(2), { fileName: name });
    expect(result.firstFailure?.line).not.toBe(13);
    expect(judge(name, result)).toMatchObject({ verdict: 'fail' });
  });
});
