/**
 * Half-open connections (RFC 9293 §3.5.2, Figures 10–12): one side lost its TCB (a crash is
 * a fresh host with the same address) while the other still holds the connection.
 */
import { describe, expect, it } from 'vitest';
import { createHost } from './host';
import { profiles } from './profiles';
import { ADDRESS, establishedPair } from './testing/pair';

describe('half-open connections', () => {
  it('data to a peer that crashed is answered with RST seq=SEG.ACK, which resets the survivor (Figure 11)', () => {
    const { pair, a } = establishedPair();
    pair.hosts.B = createHost({
      address: ADDRESS.B,
      profile: profiles.rfc,
      isn: { mode: 'fixed', value: 400 },
    });
    pair.call('A', { call: 'send', socket: a, data: new Uint8Array(10) });
    pair.settle();
    expect(pair.trace.slice(8)).toMatchInlineSnapshot(`
      [
        "t=150 A→B PSH,ACK seq=701 ack=201 win=65535 len=10",
        "t=200 B→A RST seq=201 win=0",
        "t=250 A#1 error ECONNRESET",
        "t=250 A#1 ESTABLISHED → CLOSED",
      ]
    `);
  });

  it('a crashed side that reconnects gets a challenge ACK, resets the old connection and retries (Figure 10, RFC 5961)', () => {
    const { pair } = establishedPair({
      isnA: { mode: 'fixed', value: 100 },
      isnB: { mode: 'fixed', value: 300 },
    });
    pair.hosts.A = createHost({
      address: ADDRESS.A,
      profile: profiles.rfc,
      isn: { mode: 'fixed', value: 400 },
    });
    pair.call('A', { call: 'connect', remote: ADDRESS.B, remotePort: 80, localPort: 49152 });
    pair.run(pair.now + 3000);
    expect(pair.trace.slice(8)).toMatchInlineSnapshot(`
      [
        "t=150 A#1 CLOSED → SYN-SENT",
        "t=150 A→B SYN seq=400 win=65535 <mss 1460>",
        "t=200 B→A ACK seq=301 ack=101 win=65535",
        "t=250 A→B RST seq=101 win=0",
        "t=300 B#2 error ECONNRESET",
        "t=300 B#2 ESTABLISHED → CLOSED",
        "t=1150 A→B SYN seq=400 win=65535 <mss 1460> (rtx 1)",
        "t=1200 B#3 LISTEN → SYN-RECEIVED",
        "t=1200 B→A SYN,ACK seq=300 ack=401 win=65535 <mss 1460>",
        "t=1250 A#1 SYN-SENT → ESTABLISHED",
        "t=1250 A→B ACK seq=401 ack=301 win=65535",
        "t=1300 B#3 SYN-RECEIVED → ESTABLISHED",
      ]
    `);
  });
});
