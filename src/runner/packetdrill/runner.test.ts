import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScriptRunResult } from './result';
import { profiles } from '../../engine';
import { runScript } from './runner';
import { lineVerdict } from './script-test-kit';

const OWN = new URL('../../../conformance/', import.meta.url);
const own = (name: string): string => readFileSync(new URL(name, OWN), 'utf8');

/** A handshake as the passive side, small enough to mutate line by line. */
const SERVER = [
  '`./defaults.sh`',
  '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
  '+0 bind(3, ..., ...) = 0',
  '+0 listen(3, 1) = 0',
  '+0 < S 0:0(0) win 65535 <mss 1000,nop,wscale 7>',
  '+0 > S. 0:0(0) ack 1 <mss 1460,nop,wscale 8>',
  '+.1 < . 1:1(0) ack 1 win 257',
  '+0 accept(3, ..., ...) = 4',
  '+0 %{ assert tcpi_state == TCP_ESTABLISHED }%',
];

function run(
  lines: readonly string[],
  options: Parameters<typeof runScript>[1] = {},
): ScriptRunResult {
  return runScript(lines.join('\n'), options);
}

function replaced(line: number, text: string): string[] {
  return SERVER.map((l, i) => (i + 1 === line ? text : l));
}

describe("the project's own scripts (conformance/)", () => {
  const scripts = readdirSync(OWN).filter((f) => f.endsWith('.pkt'));
  const FREEBSD_SCRIPTS = ['closing-repeated-fin.pkt', 'ip-ttl-tos.pkt'];

  it('has a script for each preset the lab teaches', () => {
    expect(scripts).toEqual(
      expect.arrayContaining([
        'handshake-active.pkt',
        'handshake-passive.pkt',
        'lost-syn-ack.pkt',
        'simultaneous-open.pkt',
        'closed-port.pkt',
        'time-wait.pkt',
      ]),
    );
  });

  it.each(scripts)('%s passes with every packet line checked', (name) => {
    const result = runScript(own(name), { fileName: name });
    expect(result.firstFailure).toBeNull();
    expect(result.outcome).toBe('passed');
    // The FreeBSD-only behaviours run under the profile the script's sysctl commands choose.
    expect(result.profile.name).toBe(FREEBSD_SCRIPTS.includes(name) ? 'freebsd' : 'linux');
    expect(result.packetLines.checked).toBe(result.packetLines.total);
    expect(result.packetLines.total).toBeGreaterThan(2);
  });

  it('gives the same verdicts whatever ISN the engine picks, even one about to wrap', () => {
    for (const value of [0, 700, 2 ** 32 - 2, 2 ** 32 - 1]) {
      const result = runScript(own('handshake-active.pkt'), { isn: { mode: 'fixed', value } });
      expect(result.outcome, `ISN ${value}`).toBe('passed');
    }
  });
});

describe('a failing line names what differs', () => {
  it('reports a wrong ack as expected against actual, and stops there', () => {
    const result = run(replaced(6, '+0 > S. 0:0(0) ack 2 <mss 1460,nop,wscale 8>'));
    expect(result.outcome).toBe('failed');
    expect(result.firstFailure).toMatchObject({
      line: 6,
      reason: 'ack: expected 2 vs actual 1',
      expected: 'S. 0:0(0) ack 2 <mss 1460,nop,wscale 8>',
    });
    expect(result.firstFailure?.actual).toMatch(
      /^S\. 0:0\(0\) ack 1 win \d+ <mss 1460,nop,wscale 8>$/,
    );
    expect(result.lines.filter((l) => l.line > 6).every((l) => l.status === 'not-run')).toBe(true);
  });

  it('compares the option list in order, NOP padding included', () => {
    const result = run(replaced(6, '+0 > S. 0:0(0) ack 1 <mss 1460,wscale 8,nop>'));
    expect(result.firstFailure?.reason).toMatch(/^tcp options \(option 2 is nop, not wscale\)/);
  });

  it('treats a line without options as "no options", and <...> as unchecked', () => {
    expect(run(replaced(6, '+0 > S. 0:0(0) ack 1')).firstFailure?.reason).toMatch(
      /a different number of options/,
    );
    expect(run(replaced(6, '+0 > S. 0:0(0) ack 1 <...>')).outcome).toBe('passed');
  });

  it('checks the window only when the line gives one', () => {
    expect(
      run(replaced(6, '+0 > S. 0:0(0) ack 1 win 1 <mss 1460,nop,wscale 8>')).firstFailure?.reason,
    ).toMatch(/^win: expected 1 vs actual \d+$/);
  });

  it('reports a segment that comes at the wrong time with packetdrill tolerance', () => {
    const result = run(replaced(6, '+.5 > S. 0:0(0) ack 1 <mss 1460,nop,wscale 8>'));
    expect(result.firstFailure?.reason).toBe(
      'timing error: expected outbound packet at 0.500000 sec but happened at 0.000000 sec; tolerance 0.062500 sec',
    );
  });

  it('times out waiting for a segment the engine never sends', () => {
    const result = run([...SERVER, '+0 > F. 1:1(0) ack 1']);
    expect(result.firstFailure).toMatchObject({ line: 10, actual: 'no segment' });
    expect(result.firstFailure?.reason).toMatch(/^Timed out waiting for packet/);
  });

  it('fails a tcpi_state assertion that does not hold', () => {
    const result = run(replaced(9, '+0 %{ assert tcpi_state == TCP_CLOSE_WAIT }%'));
    expect(result.firstFailure?.reason).toBe(
      'tcpi_state: expected CLOSE-WAIT vs actual ESTABLISHED',
    );
  });

  it('checks tcpi_probes and tcpi_backoff, over a line joined with a backslash', () => {
    const refused = [
      ...SERVER.slice(0, 8),
      '+0 `tc qdisc add dev tun0 root pfifo limit 0`',
      '+0 write(4, ..., 10) = 10',
      '+1 %{ assert tcpi_probes == 2, tcpi_probes; \\',
      '      assert tcpi_backoff == 0, tcpi_backoff }%',
    ];
    // The probe timer first fires at the RTO (300 ms), then every 500 ms: two retries by 1 s.
    expect(lineVerdict(run(refused), 11)).toBe('passed');
    const wrong = [...refused.slice(0, 10), '+1 %{ assert tcpi_probes == 3 }%'];
    expect(run(wrong).firstFailure?.reason).toBe('tcpi_probes: expected 3 vs actual 2');
  });

  it('sends nothing while tc has the local queue refuse packets, and the data once it is deleted', () => {
    const lines = [
      ...SERVER.slice(0, 8),
      '+0 `tc qdisc add dev tun0 root pfifo limit 0`',
      '+0 write(4, ..., 10) = 10',
      '+.5 `tc qdisc delete dev tun0 root`',
      // The retry after the deletion, 300 + 500 ms after the write, finds the queue open.
      '+.3 > P. 1:11(10) ack 1',
    ];
    const result = run(lines);
    expect(result.firstFailure).toBeNull();
    expect(lineVerdict(result, 11)).toMatch(/^applied: tc qdisc delete/);
  });

  it('checks when a blocking call returns', () => {
    const lines = [
      ...SERVER.slice(0, 4),
      '+0...0.500 accept(3, ..., ...) = 4',
      ...SERVER.slice(4, 7),
      '+0 close(3) = 0',
    ];
    const result = run(lines);
    expect(result.firstFailure).toMatchObject({ line: 5 });
    expect(result.firstFailure?.reason).toMatch(
      /^timing error: expected system call return at 0\.500000 sec but happened at 0\.100000 sec/,
    );
  });

  it('checks return values and errno', () => {
    const result = run([...SERVER, '+0 write(4, ..., 10) = -1 EPIPE (Broken pipe)']);
    expect(result.firstFailure).toMatchObject({ line: 10, expected: '= -1 EPIPE', actual: '= 10' });
  });
});

describe('lines the simulation cannot check', () => {
  it('never counts as passed: a packet line that is not applicable makes the script skipped', () => {
    const result = run([...SERVER, '+0 < udp (100)']);
    expect(result.outcome).toBe('skipped');
    expect(result.lines.at(-1)).toMatchObject({ status: 'not-applicable' });
    expect(result.packetLines).toEqual({ total: 4, checked: 3 });
  });

  it('reports other assertions of %{ }% blocks as not applicable, with the reason', () => {
    const result = run([...SERVER, '+0 %{ assert tcpi_delivered == 1 }%']);
    expect(result.outcome).toBe('passed');
    expect(result.lines.at(-1)?.reason).toBe(
      'only tcpi_state, tcpi_probes and tcpi_backoff assertions are checked; not modeled: assert tcpi_delivered == 1',
    );
  });

  it('reports a syntax error with its line and column instead of running', () => {
    const result = run(['0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3', '+0 > S. 0:0(0 ack 1']);
    expect(result.outcome).toBe('error');
    expect(result.syntaxError).toEqual({
      line: 2,
      column: 14,
      message: "2:14: expected ')' in start:end(length), found 'ack'",
    });
  });
});

describe('numbers and timestamps', () => {
  it('maps TS ecr to the TS val the engine really sent, and checks TS val with --tcp_ts_tick_usecs', () => {
    const lines = (val: number): string[] => [
      '--tcp_ts_tick_usecs=1000',
      '`./defaults.sh`',
      '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
      '+0 bind(3, ..., ...) = 0',
      '+0 listen(3, 1) = 0',
      '+0 < S 0:0(0) win 20000 <mss 1000,sackOK,TS val 100 ecr 0>',
      '+0 > S. 0:0(0) ack 1 <mss 1460,sackOK,TS val 100 ecr 100>',
      '+.2 < . 1:1(0) ack 1 win 20000 <nop,nop,TS val 300 ecr 100>',
      '+0 < . 1:101(100) ack 1 win 20000 <nop,nop,TS val 300 ecr 100>',
      `+0 > . 1:1(0) ack 101 <nop,nop,TS val ${val} ecr 300>`,
    ];
    expect(runScript(lines(300).join('\n')).outcome).toBe('passed');
    const wrong = runScript(lines(400).join('\n'));
    expect(wrong.firstFailure?.reason).toBe(
      'TS val (tolerance 25000 µs): expected 400 vs actual 300',
    );
  });

  it('cannot inject a TS ecr that echoes no TS val the engine sent', () => {
    const result = run([
      ...SERVER.slice(0, 6),
      '+.1 < . 1:1(0) ack 1 win 257 <nop,nop,TS val 300 ecr 12345>',
    ]);
    expect(result.firstFailure?.reason).toMatch(
      /^unable to infer live TS ecr for script TS ecr 12345/,
    );
  });
});

describe('the timeline', () => {
  it("holds both sides' segments with the line each came from, and the engine's state changes", () => {
    const result = run(SERVER);
    const segments = result.timeline.filter((e) => e.type === 'segment');
    expect(segments.map((s) => [s.direction, s.line, s.status, s.text.split(' ')[0]])).toEqual([
      ['inbound', 5, 'injected', 'S'],
      ['outbound', 6, 'matched', 'S.'],
      ['inbound', 7, 'injected', '.'],
    ]);
    expect(segments[2]).toMatchObject({ t: 100, seq: 1, ack: 1, win: 257 });
    const states = result.timeline.flatMap((e) => (e.type === 'state' ? [e.to] : []));
    expect(states).toEqual(['LISTEN', 'SYN-RECEIVED', 'ESTABLISHED']);
  });

  it('shows segments sent after the last > line as unexpected, without judging them', () => {
    const result = run([...SERVER, '+0 < P. 1:11(10) ack 1 win 257']);
    expect(result.outcome).toBe('passed');
    expect(result.timeline.at(-1)).toMatchObject({
      type: 'segment',
      line: null,
      status: 'unexpected',
      ack: 11,
    });
  });

  it('marks the segment of a failed line as a mismatch', () => {
    const result = run(replaced(6, '+0 > S. 0:0(0) ack 2 <mss 1460,nop,wscale 8>'));
    expect(result.timeline).toContainEqual(
      expect.objectContaining({ type: 'segment', line: 6, status: 'mismatch' }),
    );
  });
});

describe('a packet of several segments (TSO/GSO), which the runner puts together from MSS-sized ones', () => {
  const WRITE = ['+.1 write(4, ..., 2500) = 2500', '+0 > P. 1:2001(2000) ack 1'];

  it('Linux pushes every such packet: PSH although the write goes on (__tcp_transmit_skb())', () => {
    const result = run([...SERVER, ...WRITE, '+0 > P. 2001:2501(500) ack 1']);
    expect(result.firstFailure).toBeNull();
    expect(result.outcome).toBe('passed');
  });

  it('without that rule (FreeBSD tcp_output()) only the packet that empties the send queue has PSH', () => {
    const result = run([...SERVER, ...WRITE], {
      profile: { ...profiles.linux, pushMultiSegmentPackets: false },
    });
    expect(result.firstFailure?.reason).toBe('flags (PSH): expected P. vs actual .');
  });
});
