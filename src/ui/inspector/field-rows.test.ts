import { describe, expect, it } from 'vitest';
import type { SendEvent, Trace } from '../../sim/trace';
import { bytesOfSendEvent } from '../../wire/send-event';
import { deriveTraceFacts } from '../format/trace-facts';
import { ACK, DATA, FIN, HANDSHAKE, SYN, SYN_ACK, send } from '../format/testing/handshake-trace';
import { LOST_SYN_ACK, RESENT_SYN_ACK } from '../format/testing/lost-syn-ack-trace';
import { fieldRows, type FieldRow } from './field-rows';

const facts = deriveTraceFacts(HANDSHAKE, 'absolute', [
  { name: 'client', profile: 'linux' },
  { name: 'server', profile: 'linux' },
]);

function rowsOf(e: SendEvent, trace: Trace = HANDSHAKE) {
  const f = trace === HANDSHAKE ? facts : deriveTraceFacts(trace);
  return fieldRows(e, f, bytesOfSendEvent(e));
}

function field(rows: readonly FieldRow[], id: string): FieldRow {
  const found = rows.find((r) => r.id === id);
  if (found === undefined) throw new Error(`no row ${id}`);
  return found;
}

describe('inspector rows: every header field, with its bytes', () => {
  it('lists ports, numbers, offset, flag byte and all eight bits, window, checksum, urgent', () => {
    const ids = rowsOf(SYN).map((r) => r.id);
    expect(ids.slice(0, 6)).toEqual(['srcPort', 'dstPort', 'seq', 'ack', 'dataOffset', 'flags']);
    for (const f of ['CWR', 'ECE', 'URG', 'ACK', 'PSH', 'RST', 'SYN', 'FIN']) {
      expect(ids).toContain(`flag:${f}`);
    }
    expect(ids).toEqual(expect.arrayContaining(['window', 'checksum', 'urgent', 'option:0']));
  });

  it('gives each fixed field the byte range of RFC 9293 §3.1 Figure 1', () => {
    const rows = rowsOf(SYN);
    expect(field(rows, 'srcPort').range).toEqual({ start: 0, end: 2 });
    expect(field(rows, 'seq').range).toEqual({ start: 4, end: 8 });
    expect(field(rows, 'flag:SYN').range).toEqual({ start: 13, end: 14 });
    expect(field(rows, 'checksum').range).toEqual({ start: 16, end: 18 });
  });

  it('reads the data offset and checksum from the encoded bytes', () => {
    const rows = rowsOf(SYN);
    // mss (4) + sackOK (2) + wscale (3) = 9 option bytes, padded to 12: 32 bytes = 8 words.
    expect(field(rows, 'dataOffset').value).toBe('8');
    expect(field(rows, 'dataOffset').why).toContain(
      '20-byte fixed header plus 12 bytes of options',
    );
    const bytes = bytesOfSendEvent(SYN).bytes;
    const checksum = ((bytes[16] ?? 0) << 8) | (bytes[17] ?? 0);
    expect(field(rows, 'checksum').value).toBe(`0x${checksum.toString(16).padStart(4, '0')}`);
  });

  it('shows the bits, an option per row with its bytes, and padding', () => {
    const rows = rowsOf(SYN_ACK);
    expect(field(rows, 'flags').value).toBe('0x12');
    expect(field(rows, 'flag:SYN').value).toBe('1');
    expect(field(rows, 'flag:FIN').value).toBe('0');
    expect(field(rows, 'option:0')).toMatchObject({ name: 'Maximum segment size', value: '1460' });
    expect(field(rows, 'option:0').range).toEqual({ start: 20, end: 24 });
    expect(field(rows, 'option:2').value).toBe('shift 7 (× 128)');
    expect(field(rows, 'padding').range?.end).toBe(32);
  });

  it('shows data as text with its length', () => {
    const row = field(rowsOf(DATA), 'payload');
    expect(row.value).toBe('GET / HTTP/1.1\\r\\n\\r\\n');
    expect(row.alt).toBe('18 bytes');
    expect(row.why).toContain('occupying sequence numbers 701 to 718');
  });
});

describe('inspector explanations: why each value', () => {
  it('explains the ISN, and seq and ack as sums of what the SYN and the data consumed', () => {
    expect(field(rowsOf(SYN), 'seq').why).toContain("700: the client's initial sequence number");
    expect(field(rowsOf(SYN_ACK), 'ack').why).toBe(
      "701 = the client's ISN 700 + 1: a SYN consumes one sequence number (RFC 9293 §3.4).",
    );
    expect(field(rowsOf(FIN), 'seq').why).toBe(
      '719 = ISN 700 + 1 for the SYN + 18 bytes sent (RFC 9293 §3.4).',
    );
  });

  it('shows absolute and relative numbers together', () => {
    expect(field(rowsOf(ACK), 'seq')).toMatchObject({ value: '701', alt: 'relative 1' });
    expect(field(rowsOf(ACK), 'ack')).toMatchObject({ value: '201', alt: 'relative 1' });
  });

  it('counts the FIN in an ACK of a FIN', () => {
    const finAck = send(6, 'server', ['ACK'], 201, 720);
    const trace = [...HANDSHAKE, finAck];
    expect(field(rowsOf(finAck, trace), 'ack').why).toBe(
      "720 = the client's ISN 700 + 1 for the SYN + 18 bytes received + 1 for the FIN: the next byte the server expects, acknowledging the client's FIN (RFC 9293 §3.4).",
    );
  });

  it('says a SYN window is never scaled, naming the profile and MSS multiple (RFC 7323 §2.2)', () => {
    const linuxSyn = send(1, 'client', ['SYN'], 700, 0, {
      options: [{ kind: 'mss', value: 1460 }],
      win: 64240,
    });
    expect(field(fieldRows(linuxSyn, facts), 'window').why).toBe(
      '64240: the Linux profile advertises 44 × 1460 in its SYN, never scaled (RFC 7323 §2.2).',
    );
  });

  it('scales later windows when both SYNs offered window scaling', () => {
    const row = field(rowsOf(ACK), 'window');
    expect(row.alt).toBe('scaled 64,256 bytes');
    expect(row.why).toContain('502 × 2^7 = 64,256 bytes');
    const unscaled = deriveTraceFacts([send(1, 'client', ['SYN'], 700, 0), SYN_ACK, ACK]);
    expect(field(fieldRows(ACK, unscaled), 'window').alt).toBeUndefined();
  });

  it('explains a retransmission by the original segment and the RTO (RFC 6298 §5)', () => {
    expect(field(rowsOf(RESENT_SYN_ACK, LOST_SYN_ACK), 'seq').why).toBe(
      '200: same seq as segment #2, retransmitted after the RTO of 1 s expired (RFC 6298 §5).',
    );
  });

  it('says a FreeBSD FIN repeated on an ACK was not resent by a timer (simultaneous close)', () => {
    const fin = send(5, 'server', ['FIN', 'ACK'], 201, 701, { t: 500 });
    const again = send(6, 'server', ['FIN', 'ACK'], 201, 702, {
      t: 550,
      retransmit: 1,
      original: 5,
    });
    const trace = [SYN, SYN_ACK, ACK, send(4, 'client', ['FIN', 'ACK'], 701, 201), fin, again];
    const freebsd = deriveTraceFacts(trace, 'absolute', [{ name: 'server', profile: 'freebsd' }]);
    expect(field(fieldRows(again, freebsd), 'seq').why).toBe(
      '201: same seq as segment #5, the FIN repeated on this ACK: FreeBSD sets FIN on every segment while its FIN is unacknowledged, no timer needed (RFC 9293 §3.10.7.4).',
    );
  });

  it('says why ack is ignored on a first SYN and what a clear ACK bit means', () => {
    const rows = rowsOf(SYN);
    expect(field(rows, 'ack').why).toContain('ignored, a first SYN has nothing to acknowledge yet');
    expect(field(rows, 'ack').alt).toBeUndefined();
    expect(field(rows, 'flag:ACK').why).toContain('nothing to acknowledge yet');
  });

  it('names ports as ephemeral or listening by who opened the connection', () => {
    const rows = rowsOf(SYN);
    expect(field(rows, 'srcPort').why).toContain("49152: the client's ephemeral port");
    expect(field(rows, 'dstPort').why).toContain('80: the well-known port the server listens on');
  });
});
