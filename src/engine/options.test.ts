import { describe, expect, it } from 'vitest';
import {
  answerOffer,
  layoutSynOptions,
  negotiate,
  readOffer,
  synOptions,
  type Offer,
} from './options';
import { formatSegment } from './testing/format';
import type { Segment, TcpOption } from './types';

function text(options: readonly TcpOption[]): string {
  const seg: Segment = {
    srcPort: 1,
    dstPort: 2,
    seq: 0 as Segment['seq'],
    ack: 0 as Segment['ack'],
    flags: 0x02,
    window: 0,
    urgent: 0,
    options,
    payload: new Uint8Array(0),
  };
  return formatSegment(seg).replace(/^.*</, '<');
}

const full: Offer = { mss: 1460, wscale: 8, sackOK: true, ts: { val: 100, ecr: 0 } };

describe('SYN option layout', () => {
  it('linux with timestamps: mss,sackOK,TS,nop,wscale (PROFILES.md)', () => {
    expect(text(layoutSynOptions('linux', full))).toBe(
      '<mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 8>',
    );
  });

  it('linux without timestamps: mss,nop,nop,sackOK,nop,wscale (tcp_basic_server.pkt)', () => {
    expect(text(layoutSynOptions('linux', { ...full, ts: null }))).toBe(
      '<mss 1460,nop,nop,sackOK,nop,wscale 8>',
    );
  });

  it('linux SYN-ACK to a SYN with only mss and wscale: <mss 1460,nop,wscale 8> (blocking-accept.pkt)', () => {
    const peer = readOffer([
      { kind: 'mss', value: 1000 },
      { kind: 'nop' },
      { kind: 'wscale', shift: 7 },
    ]);
    expect(text(layoutSynOptions('linux', answerOffer(full, peer)))).toBe(
      '<mss 1460,nop,wscale 8>',
    );
  });

  it('freebsd: mss,nop,wscale,sackOK,TS (snd-syn-rtx-max-number-ipv4.pkt)', () => {
    expect(text(layoutSynOptions('freebsd', { ...full, wscale: 6 }))).toBe(
      '<mss 1460,nop,wscale 6,sackOK,TS val 100 ecr 0>',
    );
  });

  it('freebsd pads with EOL to 4 bytes: <mss 1460,sackOK,eol,eol> (rcv-syn-without-data-syn-sent)', () => {
    expect(text(layoutSynOptions('freebsd', { ...full, wscale: null, ts: null }))).toBe(
      '<mss 1460,sackOK,eol,eol>',
    );
  });
});

describe('SYN options as sent (laid out once per layout and offer)', () => {
  const offers: Offer[] = [
    full,
    { ...full, ts: null },
    { ...full, wscale: null, sackOK: false },
    { mss: 536, wscale: 14, sackOK: false, ts: { val: 0, ecr: 0 } },
    { mss: 1460, wscale: null, sackOK: false, ts: null, none: true },
    { mss: 70000, wscale: 300, sackOK: true, ts: { val: 0, ecr: 0 } },
  ];
  it('each SYN carries its own TSval and TSecr in the layout of its stack', () => {
    for (const layout of ['linux', 'freebsd'] as const) {
      for (const [val, ecr] of [
        [100, 0],
        [4294967295, 7],
        [5, 123456],
      ] as const) {
        for (const offer of offers) {
          const ts = offer.ts ? { val, ecr } : null;
          expect(text(synOptions(layout, offer, val, ecr))).toBe(
            text(layoutSynOptions(layout, { ...offer, ts })),
          );
        }
      }
    }
  });

  it('a later SYN does not change the options of an earlier one', () => {
    const first = synOptions('linux', full, 1, 0);
    synOptions('linux', full, 2, 9);
    expect(text(first)).toBe('<mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 8>');
  });
});

describe('negotiation (RFC 7323, RFC 2018, RFC 9293 §3.7.1)', () => {
  it('agrees on an option only when both sides offered it', () => {
    const n = negotiate(
      full,
      readOffer([{ kind: 'mss', value: 1000 }, { kind: 'sackOK' }]),
      536,
      48,
    );
    expect(n).toEqual({
      mss: 1460,
      sendMss: 1000,
      wscale: null,
      sackPermitted: true,
      timestamps: false,
    });
  });

  it('assumes MSS 536 when the peer sends none and caps a shift above 14 at 14', () => {
    const n = negotiate(full, readOffer([{ kind: 'wscale', shift: 15 }]), 536, 48);
    expect(n.sendMss).toBe(536);
    expect(n.wscale).toEqual({ send: 8, recv: 14 });
  });
});
