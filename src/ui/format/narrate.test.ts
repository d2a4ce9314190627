import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../sim/trace';
import { explainSeq } from '../inspector/explain-numbers';
import { narrate } from './narrate';
import { deriveTraceFacts } from './trace-facts';
import { ACK, DATA, FIN, HANDSHAKE, SYN, SYN_ACK, send } from './testing/handshake-trace';
import { LOST_SYN_ACK, RESENT_SYN_ACK } from './testing/lost-syn-ack-trace';

const facts = deriveTraceFacts(HANDSHAKE);
const lossFacts = deriveTraceFacts(LOST_SYN_ACK);

function event<T extends TraceEvent['type']>(trace: readonly TraceEvent[], type: T, n = 0) {
  const found = trace.filter((e) => e.type === type)[n];
  if (found === undefined) throw new Error(`no ${type} #${n} in fixture`);
  return found as Extract<TraceEvent, { type: T }>;
}

describe('narrate: segments sent', () => {
  it('explains a SYN as asking to open and announcing the ISN (RFC 9293 §3.5)', () => {
    expect(narrate(SYN, facts)).toBe(
      'The client sends a SYN with seq 700: it asks to open a connection and announces its initial sequence number (RFC 9293 §3.5).',
    );
  });

  it('explains the SYN-ACK as the server ISN plus the acknowledgment of the SYN', () => {
    expect(narrate(SYN_ACK, facts)).toBe(
      "The server answers with a SYN-ACK: it announces its own initial sequence number 200 and acknowledges the client's SYN with ack 701 (RFC 9293 §3.5).",
    );
  });

  it('calls the first ACK the end of the three-way handshake', () => {
    expect(narrate(ACK, facts)).toContain("acknowledges the server's SYN with ack 201");
    expect(narrate(ACK, facts)).toContain('the three-way handshake is complete');
  });

  it('gives data its byte range, and uses relative numbers when asked', () => {
    expect(narrate(DATA, facts)).toBe(
      'The client sends 18 bytes of data, seq 701 to 718, acknowledging up to ack 201 (RFC 9293 §3.8).',
    );
    const relative = deriveTraceFacts(HANDSHAKE, 'relative');
    expect(narrate(DATA, relative)).toContain('seq 1 to 18');
  });

  it('explains a FIN and the ACK of a FIN (RFC 9293 §3.6)', () => {
    expect(narrate(FIN, facts)).toContain('sends a FIN with seq 719: it has no more data to send');
    const finAck = send(6, 'server', ['ACK'], 201, 720);
    const withAck = deriveTraceFacts([...HANDSHAKE, finAck]);
    expect(narrate(finAck, withAck)).toContain("acknowledges the client's FIN with ack 720");
  });

  it('explains a reset from a closed port as a refusal (RFC 9293 §3.5.2)', () => {
    const syn = send(1, 'client', ['SYN'], 700, 0);
    const rst = send(2, 'server', ['RST', 'ACK'], 0, 701);
    expect(narrate(rst, deriveTraceFacts([syn, rst]))).toContain(
      'no socket is listening on port 80, so it refuses the connection',
    );
  });

  it('says a resent SYN-ACK waited for the timer, and a resent data segment names its original', () => {
    expect(narrate(RESENT_SYN_ACK, lossFacts)).toContain(
      'sends its SYN-ACK again (seq 200 ack 701, 1st retransmission)',
    );
    expect(narrate(RESENT_SYN_ACK, lossFacts)).toContain('within 1 s');
    const again = send(7, 'client', ['PSH', 'ACK'], 701, 201, {
      len: 18,
      retransmit: 2,
      original: 4,
    });
    expect(narrate(again, facts)).toContain('It is the 2nd retransmission of segment #4.');
  });
});

describe('narrate: the link', () => {
  it('tells a loss and who will notice it', () => {
    expect(narrate(event(LOST_SYN_ACK, 'drop'), lossFacts)).toBe(
      'The SYN-ACK seq=200 ack=701 (#2) is lost by random loss at the link’s loss rate; the server will only notice when its retransmission timer fires (RFC 6298 §5).',
    );
  });

  it('says a lost bare ACK is covered by later ones', () => {
    const lostAck: TraceEvent = { type: 'drop', t: 40, id: 3, reason: 'user' };
    expect(narrate(lostAck, facts)).toContain(
      'because you dropped it: a bare ACK is not retransmitted',
    );
  });

  it('tells where a segment arrives, and marks a duplicate copy', () => {
    expect(narrate({ type: 'deliver', t: 15, id: 1 }, facts)).toBe(
      'The SYN seq=700 (#1) arrives at the server, which processes it in the order of RFC 9293 §3.10.7.',
    );
    expect(narrate({ type: 'deliver', t: 15, id: 1, duplicate: true }, facts)).toMatch(
      /^A duplicate copy of the SYN seq=700 \(#1\) arrives/,
    );
  });
});

describe('narrate: states, timers, calls and data', () => {
  it('gives a state change with its cause', () => {
    expect(narrate(event(LOST_SYN_ACK, 'state'), lossFacts)).toBe(
      'The server moves from LISTEN to SYN-RECEIVED: rcv SYN (RFC 9293 §3.10.7.2).',
    );
  });

  it('explains a timer being set, with its length and purpose', () => {
    expect(narrate(event(LOST_SYN_ACK, 'timer', 0), lossFacts)).toBe(
      'The server starts its retransmission timer for 1 s: if nothing acknowledges what it sent by then, it will send it again (RFC 6298 §5).',
    );
  });

  it('explains a firing: how long it waited, what it resends and the backoff (RFC 6298 §5.5)', () => {
    expect(narrate(event(LOST_SYN_ACK, 'timer', 1), lossFacts)).toBe(
      "The server's retransmission timer fired after 1 s with no answer, so it sends the SYN-ACK again and backs the timeout off to 2 s (RFC 6298 §5.4–5.5).",
    );
  });

  it('explains TIME-WAIT and a cancelled retransmission timer', () => {
    const tw: TraceEvent = {
      type: 'timer',
      t: 0,
      endpoint: 'client',
      timer: 'time-wait',
      action: 'set',
      at: 240000,
    };
    expect(narrate(tw, facts)).toContain('starts its TIME-WAIT timer for 240 s');
    const cancel: TraceEvent = {
      type: 'timer',
      t: 0,
      endpoint: 'client',
      timer: 'retransmit',
      action: 'cancel',
    };
    expect(narrate(cancel, facts)).toContain('everything outstanding is acknowledged');
  });

  it('says a retransmission timer stopped for a tail-loss probe, and the probe for the RTO (RFC 8985 §7)', () => {
    const at = (timer: 'retransmit' | 'loss-probe', action: 'set' | 'cancel'): TraceEvent =>
      action === 'set'
        ? { type: 'timer', t: 900, endpoint: 'client', timer, action, at: 1200 }
        : { type: 'timer', t: 900, endpoint: 'client', timer, action };
    const toProbe = [at('retransmit', 'cancel'), at('loss-probe', 'set')];
    expect(
      narrate(toProbe[0] as TraceEvent, deriveTraceFacts([...HANDSHAKE, ...toProbe])),
    ).toContain(
      'stops its retransmission timer: a tail-loss probe timer takes its place and will fire first',
    );
    const toRto = [at('loss-probe', 'cancel'), at('retransmit', 'set')];
    expect(narrate(toRto[0] as TraceEvent, deriveTraceFacts([...HANDSHAKE, ...toRto]))).toContain(
      'stops its tail-loss probe timer: the retransmission timer takes its place',
    );
  });

  it('says a segment resent at once after SACK blocks reported later data was a fast retransmit (RFC 6675 §4)', () => {
    const first = send(6, 'client', ['PSH', 'ACK'], 719, 201, { len: 1000 });
    const later = send(7, 'client', ['PSH', 'ACK'], 1719, 201, { len: 3000 });
    const sack = send(8, 'server', ['ACK'], 201, 719, {
      options: [{ kind: 'sack', blocks: [[1719, 4719]] }],
    });
    const resent = send(9, 'client', ['ACK'], 719, 201, { len: 1000, retransmit: 1, original: 6 });
    const trace = [...HANDSHAKE, first, later, sack, resent];
    const told = narrate(resent, deriveTraceFacts(trace));
    expect(told).toContain(
      "It is the 1st retransmission of segment #6, sent at once, before any timer: the server's SACK blocks report 3,000 bytes after it as received, so it was lost (fast retransmit, RFC 6675 §4).",
    );
    expect(explainSeq(resent, deriveTraceFacts(trace))).toContain(
      'sent again at once because SACK blocks reported 3,000 bytes after it as received (fast retransmit, RFC 6675 §4)',
    );
  });

  it('explains calls, including a failed connect', () => {
    expect(narrate(event(HANDSHAKE, 'call', 0), facts)).toBe(
      "The server's application listens for connections on port 80: a passive OPEN (RFC 9293 §3.10.1).",
    );
    const refused: TraceEvent = {
      type: 'call',
      t: 0,
      endpoint: 'client',
      call: 'connect',
      args: {},
      result: 'ECONNREFUSED',
    };
    expect(narrate(refused, facts)).toContain(
      'fails with ECONNREFUSED: the peer answered with a reset',
    );
  });

  it('says a timer stopped because the connection closed, not because all was acknowledged', () => {
    const refused: TraceEvent[] = [
      send(1, 'client', ['SYN'], 700, 0),
      { type: 'timer', t: 10, endpoint: 'client', timer: 'retransmit', action: 'set', at: 1010 },
      send(2, 'server', ['RST', 'ACK'], 0, 701, { t: 60 }),
      {
        type: 'state',
        t: 110,
        endpoint: 'client',
        from: 'SYN-SENT',
        to: 'CLOSED',
        cause: 'rcv RST',
      },
      { type: 'timer', t: 110, endpoint: 'client', timer: 'retransmit', action: 'cancel' },
    ];
    expect(narrate(refused[4] as TraceEvent, deriveTraceFacts(refused))).toContain(
      'the connection is closed, so there is nothing left to wait for',
    );
  });

  it('tells a call that completes later as its outcome', () => {
    const timedOut: TraceEvent = {
      type: 'call',
      t: 127010,
      endpoint: 'client',
      call: 'connect',
      args: {},
      result: 'ETIMEDOUT',
      async: true,
    };
    expect(narrate(timedOut, facts)).toBe(
      "The client's connect() fails with ETIMEDOUT: no answer came before the retries ran out (RFC 9293 §3.9.1).",
    );
    const connected: TraceEvent = { ...timedOut, result: 'ok' };
    expect(narrate(connected, facts)).toContain("The client's connect() succeeds");
  });

  it('shows data handed to send() with its line breaks visible', () => {
    const sendCall: TraceEvent = {
      type: 'call',
      t: 10,
      endpoint: 'client',
      call: 'send',
      args: { len: 18, data: 'GET / HTTP/1.1\r\n\r\n' },
      result: 'ok',
    };
    expect(narrate(sendCall, facts)).toBe(
      "The client's application hands 18 bytes, “GET / HTTP/1.1\\r\\n\\r\\n”, to TCP to send (SEND, RFC 9293 §3.10.2).",
    );
  });

  it('tells the end of the stream when a read finds the FIN', () => {
    const eof: TraceEvent = {
      type: 'data',
      t: 9,
      endpoint: 'server',
      len: 0,
      bytes: '',
      eof: true,
    };
    expect(narrate(eof, facts)).toContain('reads the end of the stream: the peer sent a FIN');
  });

  it('quotes data delivered to the application', () => {
    const data: TraceEvent = {
      type: 'data',
      t: 50,
      endpoint: 'server',
      len: 18,
      bytes: DATA.payload,
    };
    expect(narrate(data, facts)).toBe(
      "The server's application receives 18 bytes: “GET / HTTP/1.1\\r\\n\\r\\n”, in order and without gaps (RFC 9293 §3.10.3).",
    );
  });
});

describe('narrate: a SYN-ACK sent again for a repeated SYN, not by a timer', () => {
  it('names the repeated SYN and says how Linux differs from the RFC (RFC 9293 §3.10.7.4)', () => {
    const trace: TraceEvent[] = [
      SYN,
      SYN_ACK,
      { type: 'timer', t: 1000, endpoint: 'server', timer: 'retransmit', action: 'fire' },
      send(3, 'server', ['SYN', 'ACK'], 200, 701, { t: 1000, retransmit: 1, original: 2 }),
      send(4, 'server', ['SYN', 'ACK'], 200, 701, { t: 1000, retransmit: 2, original: 2 }),
    ];
    const linux = deriveTraceFacts(trace, 'absolute', [{ name: 'server', profile: 'linux' }]);
    expect(narrate(trace[3] as TraceEvent, linux)).toContain(
      "the client's ACK did not come in time",
    );
    expect(narrate(trace[4] as TraceEvent, linux)).toContain(
      "it answers the client's SYN, which arrived again, as Linux does; the RFC would send a bare ACK",
    );
  });
});

describe('narrate: a FreeBSD ACK that repeats its FIN (simultaneous close)', () => {
  // The simultaneous-close preset on the freebsd profile: both FINs cross; the server's
  // acknowledgment of the client's FIN carries its own unacknowledged FIN again.
  const trace: TraceEvent[] = [
    SYN,
    SYN_ACK,
    ACK,
    send(4, 'client', ['FIN', 'ACK'], 701, 201, { t: 500 }),
    send(5, 'server', ['FIN', 'ACK'], 201, 701, { t: 500 }),
    send(6, 'server', ['FIN', 'ACK'], 201, 702, { t: 550, retransmit: 1, original: 5 }),
  ];
  const endpoints = [
    { name: 'client', profile: 'freebsd' },
    { name: 'server', profile: 'freebsd' },
  ];

  it('says the FIN rides on the ACK because FreeBSD repeats it, not because a timer fired', () => {
    const freebsd = deriveTraceFacts(trace, 'absolute', endpoints);
    const told = narrate(trace[5] as TraceEvent, freebsd);
    expect(told).toBe(
      'The server acknowledges with ack 702 and repeats its FIN (seq 201): FreeBSD sets FIN on every segment while its own FIN is unacknowledged, where the RFC sends a bare ACK (RFC 9293 §3.10.7.4).',
    );
  });

  it('keeps calling the same segment a retransmission on other profiles', () => {
    const linux = deriveTraceFacts(trace, 'absolute', [{ name: 'server', profile: 'linux' }]);
    expect(narrate(trace[5] as TraceEvent, linux)).toContain('It is the 1st retransmission');
  });
});
