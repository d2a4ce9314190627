import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SendEvent, TraceEvent } from '../../sim/trace';
import { runScript } from './runner';
import { CROSSING_MS, scriptRunToTrace, type ScriptTrace } from './to-trace';

const OWN = new URL('../../../conformance/', import.meta.url);
const own = (name: string): string => readFileSync(new URL(name, OWN), 'utf8');
const WHERE = { localIp: '192.168.0.1', remoteIp: '192.0.2.1', bindPort: 8080, connectPort: 8080 };

function convert(text: string): ScriptTrace {
  return scriptRunToTrace(runScript(text), WHERE);
}
const sendsOf = (trace: readonly TraceEvent[]) =>
  trace.filter((e): e is SendEvent => e.type === 'send');
const brief = (s: SendEvent) =>
  `${s.from}>${s.to} ${s.flags.join(',')} seq=${s.seq} ack=${s.ack} len=${s.len}`;

describe('a passing script becomes a trace', () => {
  it('draws the active handshake with the engine as the first lifeline (it sent the SYN)', () => {
    const { trace, endpoints } = convert(own('handshake-active.pkt'));
    expect(endpoints.map((e) => e.name)).toEqual(['engine', 'script']);
    expect(sendsOf(trace).map(brief)).toEqual([
      'engine>script SYN seq=0 ack=0 len=0',
      // A SYN's numbers are absolute: the script's ISN is 200.
      'script>engine SYN,ACK seq=200 ack=1 len=0',
      // Later numbers are relative to each ISN, so the script's "ack 1" is 201 on the wire.
      'engine>script ACK seq=1 ack=201 len=0',
      'engine>script PSH,ACK seq=1 ack=201 len=100',
      'script>engine ACK seq=201 ack=101 len=0',
    ]);
  });

  it('names the line that injected or checked every segment, with a passing verdict', () => {
    const text = own('handshake-active.pkt');
    const lines = text.split('\n');
    for (const send of sendsOf(convert(text).trace)) {
      expect(send.script?.verdict).toBe('passed');
      const written = lines[(send.script?.line ?? 0) - 1] ?? '';
      expect(written).toMatch(send.from === 'engine' ? / > / : / < /);
    }
  });

  it('decodes the options the line wrote (RFC 9293 §3.1, RFC 7323)', () => {
    const [syn] = sendsOf(convert(own('handshake-active.pkt')).trace);
    expect(syn?.options).toEqual([
      { kind: 'mss', value: 1460 },
      { kind: 'sackOK' },
      { kind: 'ts', val: 100, ecr: 0 },
      { kind: 'nop' },
      { kind: 'wscale', shift: 8 },
    ]);
  });

  it('puts the script first when it opens, and gives the engine its states in order', () => {
    const { trace, endpoints } = convert(own('handshake-passive.pkt'));
    expect(endpoints.map((e) => e.name)).toEqual(['script', 'engine']);
    expect(endpoints.find((e) => e.name === 'engine')?.port).toBe(8080);
    const states = trace.flatMap((e) => (e.type === 'state' ? [`${e.from}>${e.to}`] : []));
    expect(states).toEqual(['CLOSED>LISTEN', 'LISTEN>SYN-RECEIVED', 'SYN-RECEIVED>ESTABLISHED']);
  });

  it('shows the calls as the engine application’s calls, with the script line', () => {
    const calls = convert(own('handshake-passive.pkt')).trace.filter((e) => e.type === 'call');
    expect(calls.map((c) => (c.type === 'call' ? c.call : ''))).toContain('accept');
    expect(calls.every((c) => c.type === 'call' && c.endpoint === 'engine')).toBe(true);
  });

  it('marks a retransmission and points at the first transmission', () => {
    const sends = sendsOf(convert(own('lost-syn-ack.pkt')).trace);
    const synAcks = sends.filter((s) => s.flags.includes('SYN') && s.flags.includes('ACK'));
    expect(synAcks.map((s) => s.retransmit)).toEqual([0, 1, 2]);
    expect(synAcks[2]?.original).toBe(synAcks[0]?.id);
  });

  it('adds the ISN of each side to relative numbers', () => {
    const { trace } = convert(
      [
        '0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3',
        '+0 bind(3, ..., ...) = 0',
        '+0 listen(3, 1) = 0',
        '+0 < S 1000:1000(0) win 65535',
        '+0 > S. 0:0(0) ack 1001 <mss 1460>',
        '+.1 < . 1:1(0) ack 1 win 257',
      ].join('\n'),
    );
    expect(sendsOf(trace).map(brief)).toEqual([
      'script>engine SYN seq=1000 ack=0 len=0',
      'engine>script SYN,ACK seq=0 ack=1001 len=0',
      'script>engine ACK seq=1001 ack=1 len=0',
    ]);
  });
});

describe('time in a script run', () => {
  it('keeps the trace in time order, every segment delivered when its crossing ends', () => {
    for (const name of readdirSync(OWN).filter((f) => f.endsWith('.pkt'))) {
      const { trace, endTime } = convert(own(name));
      const times = trace.map((e) => e.t);
      expect(times, name).toEqual([...times].sort((a, b) => a - b));
      for (const send of sendsOf(trace)) {
        const deliver = trace.find((e) => e.type === 'deliver' && e.id === send.id);
        expect(deliver?.t, name).toBe(send.arrivesAt);
        expect(send.arrivesAt, name).toBe(send.t + CROSSING_MS);
      }
      expect(endTime, name).toBeGreaterThan(times[times.length - 1] ?? 0);
    }
  });

  it('draws "+0" segments one after another instead of on one row', () => {
    const sends = sendsOf(convert(own('handshake-active.pkt')).trace);
    const starts = sends.map((s) => s.t);
    expect(new Set(starts).size).toBe(starts.length);
  });

  it('keeps gaps longer than a crossing as the script wrote them', () => {
    const sends = sendsOf(convert(own('lost-syn-ack.pkt')).trace);
    const synAcks = sends.filter((s) => s.flags.includes('SYN') && s.flags.includes('ACK'));
    // The SYN-ACK retransmission timer: 1 s, then 2 s (RFC 6298 §5.5 backoff, Linux's 1 s RTO).
    expect((synAcks[1]?.t ?? 0) - (synAcks[0]?.t ?? 0)).toBe(1000);
    expect((synAcks[2]?.t ?? 0) - (synAcks[1]?.t ?? 0)).toBe(2000);
  });
});

describe('a failing script', () => {
  const passive = own('handshake-passive.pkt').split('\n');
  const withLine = (n: number, text: string) =>
    passive.map((l, i) => (i + 1 === n ? text : l)).join('\n');

  it('marks the segment that did not match its line, with what the line expected', () => {
    const { trace } = convert(withLine(17, '   +0 > S. 0:0(0) ack 11 <mss 1460,nop,wscale 8>'));
    const synAck = sendsOf(trace).find((s) => s.from === 'engine');
    expect(synAck?.script).toEqual({
      line: 17,
      verdict: 'failed',
      expected: 'S. 0:0(0) ack 11 <mss 1460,nop,wscale 8>',
      // defaults.sh's tcp_rmem[1] of 540000: half of it, capped at 65535 (linux-sysctls.ts).
      actual: 'S. 0:0(0) ack 1 win 65535 <mss 1460,nop,wscale 8>',
      message: 'ack: expected 11 vs actual 1',
    });
  });

  it('records a segment the engine never sent as missing, at the time the line expected it', () => {
    // Established and nothing to send: a line that waits for a FIN 0.5 s later times out
    // (packetdrill: "Timed out waiting for packet").
    const text = withLine(25, '  +.5 > F. 1:1(0) ack 1');
    const result = convert(text);
    expect(result.missing).toHaveLength(1);
    const [missing] = result.missing;
    expect(missing).toMatchObject({ line: 25, from: 'engine', to: 'script' });
    expect(missing?.expected).toBe('F. 1:1(0) ack 1');
    expect(missing?.reason).toMatch(/Timed out waiting for packet/);
    const ack = sendsOf(result.trace).find((s) => s.from === 'script' && !s.flags.includes('SYN'));
    expect((missing?.t ?? 0) - (ack?.t ?? 0)).toBeGreaterThanOrEqual(500);
    expect(result.endTime).toBeGreaterThan(missing?.t ?? Infinity);
  });

  it('gives a script that does not parse no trace at all', () => {
    const result = runScript('0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 > Q 0:0(0)');
    expect(result.syntaxError).not.toBeNull();
    expect(scriptRunToTrace(result, WHERE).trace).toEqual([]);
  });
});
