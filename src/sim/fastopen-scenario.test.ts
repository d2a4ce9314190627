/** Fast Open from a scenario's calls (RFC 7413): a Fast Open listener, and connect with data. */
import { describe, expect, it } from 'vitest';
import { runScenario, validateScenario } from './index';
import type { SendEvent } from './trace';

const endpoints = [
  { name: 'client', address: '10.0.0.1', port: 49152, options: { fastOpen: 0x1 } },
  { name: 'server', address: '10.0.0.2', port: 80, options: { fastOpen: 0x3 } },
];

function errorsOf(json: unknown): string[] {
  const result = validateScenario(json);
  return result.ok ? [] : result.errors;
}

describe('Fast Open in a scenario', () => {
  it('a client connects twice with data: the first SYN asks for a cookie, the second carries the data', () => {
    const result = validateScenario({
      endpoints,
      calls: [
        { endpoint: 'server', call: 'listen', fastOpen: true, at: 0 },
        { endpoint: 'client', call: 'connect', to: 'server', data: 'hello', at: 0 },
        { endpoint: 'client', call: 'abort', at: 500 },
        { endpoint: 'client', call: 'connect', to: 'server', data: 'hello', at: 1000 },
      ],
    });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const sends = runScenario(result.scenario).trace.filter(
      (e): e is SendEvent => e.type === 'send',
    );
    const syns = sends.filter((s) => s.flags.join(',') === 'SYN');
    expect(syns.map((s) => s.len)).toEqual([0, 5]);
    // The first connect's data follows its handshake, as a blocking sendto(MSG_FASTOPEN) does.
    const first = sends.filter((s) => s.from === 'client' && s.t < 500 && s.len > 0);
    expect(first.map((s) => s.len)).toEqual([5]);
    // The second SYN-ACK acknowledges the SYN's data (RFC 7413 §4.2.2).
    const synAcks = sends.filter((s) => s.flags.join(',') === 'SYN,ACK');
    expect((synAcks[1]?.ack ?? 0) - (syns[1]?.seq ?? 0)).toBe(6);
  });

  it('names the field when the endpoint cannot do what the call asks', () => {
    const plain = endpoints.map(({ name, address, port }) => ({ name, address, port }));
    expect(
      errorsOf({
        endpoints: [{ ...plain[0], profile: 'rfc' }, plain[1]],
        calls: [
          { endpoint: 'server', call: 'listen', fastOpen: true },
          { endpoint: 'client', call: 'connect', to: 'server', data: 'hi' },
        ],
      }),
    ).toEqual([
      "calls[0].fastOpen: the endpoint's Fast Open bits (0x1) have no server bit 0x2; set its options.fastOpen to 0x3",
      "calls[1].data: data with connect is Fast Open, and the endpoint's Fast Open bits (0x0) have no client bit 0x1; set its options.fastOpen to 0x1",
    ]);
  });

  it('checks the types and the range of the Fast Open fields', () => {
    expect(
      errorsOf({
        endpoints: [{ ...endpoints[0], options: { fastOpen: -1 } }, endpoints[1]],
        calls: [
          { endpoint: 'server', call: 'listen', fastOpen: 'yes' },
          { endpoint: 'client', call: 'connect', to: 'server', data: '' },
        ],
      }),
    ).toEqual([
      'endpoints[0].options.fastOpen: must be between 0 and 2147483647, got -1',
      'calls[0].fastOpen: must be true or false, got "yes"',
      'calls[1].data: must not be empty',
    ]);
  });
});
