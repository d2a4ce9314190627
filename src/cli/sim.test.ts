import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTsx } from './testing/run-tsx';
import { tempDir } from './testing/temp-dir';

function sim(...args: string[]) {
  return runTsx('src/cli/sim.ts', args);
}

describe('npm run sim', () => {
  it('prints a preset as text lines readable like a capture', () => {
    const r = sim('--scenario', 'handshake');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '   0.010 client → server  SYN seq=700 win=64240 <mss 1460,sackOK,TS val 10 ecr 0,nop,wscale 7>  #1',
    );
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^-- stopped \(idle\) at /);
  });

  it('prints JSON lines with flags as arrays, applies --drop, and writes a pcap', () => {
    const dir = tempDir('sim-cli-');
    const pcap = join(dir, 'run.pcap');
    const r = sim(
      '--scenario',
      'handshake',
      '--drop',
      's2c:SYN-ACK#1',
      '--format',
      'jsonl',
      '--pcap',
      pcap,
    );
    expect(r.code).toBe(0);
    const events = r.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.find((e) => e.type === 'send' && e.id === 2)).toMatchObject({
      flags: ['SYN', 'ACK'],
    });
    expect(events).toContainEqual(expect.objectContaining({ type: 'drop', id: 2, reason: 'rule' }));
    // A pcap file starts with its magic number (big-endian here, in either resolution).
    expect([0xa1b2c3d4, 0xa1b23c4d]).toContain(readFileSync(pcap).readUInt32BE(0));
  });

  it('runs a scenario file and lists the presets', () => {
    const dir = tempDir('sim-cli-');
    const file = join(dir, 's.json');
    writeFileSync(
      file,
      JSON.stringify({
        endpoints: [
          { name: 'client', address: '10.0.0.1', port: 40000, isn: 1 },
          { name: 'server', address: '10.0.0.2', port: 22, isn: 2 },
        ],
        calls: [{ at: 0, endpoint: 'client', call: 'connect', to: 'server' }],
      }),
    );
    expect(sim('--scenario', file).stdout).toContain('completes ECONNREFUSED');
    expect(sim('--list').stdout).toContain('syn-cookies');
  });

  it.each([
    [
      ['--scenario', 'no-such-preset'],
      'sim: unknown preset or file "no-such-preset" (see --list for the presets)',
    ],
    [
      ['--scenario', 'handshake', '--loss', '150'],
      'sim: --loss: expected a number from 0 to 100 %, got "150"',
    ],
    [
      ['--scenario', 'handshake', '--delay', '1e308'],
      'sim: --delay: expected a number from 0 to 60000 ms, got "1e308"',
    ],
    [['--scenario', '/dev/zero'], 'sim: /dev/zero is not a regular file'],
    [
      ['--scenario', 'handshake', '--drop', 'sideways:SYN'],
      /^sim: --drop: expected DIRECTION:FLAGS\[#N\]/,
    ],
    [
      ['--scenario', 'handshake', '--pcap', '/nonexistent-dir/x.pcap'],
      'sim: --pcap: cannot write /nonexistent-dir/x.pcap: ENOENT',
    ],
  ])('refuses %j with one line on stderr and exit code 2', (args, message) => {
    const r = sim(...args);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(message);
  });

  it('refuses a malformed scenario file with one line naming the problem', () => {
    const dir = tempDir('sim-cli-');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "endpoints": [');
    const r = sim('--scenario', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sim: .*bad\.json is not valid JSON/);
    const invalid = join(dir, 'invalid.json');
    writeFileSync(
      invalid,
      JSON.stringify({ endpoints: [{ name: 'client', address: 'x', port: 1 }] }),
    );
    expect(sim('--scenario', invalid).stderr).toMatch(
      /^sim: invalid scenario: endpoints\[0\]\.address: must be an IPv4 address/,
    );
  });
});
