/**
 * Segment arrival in LISTEN (RFC 9293 §3.10.7.2): RSTs are ignored, ACKs answered with a
 * RST (unless they carry a valid SYN cookie), and a SYN creates an embryonic connection
 * in SYN-RECEIVED, held in the listener's SYN queue.
 */
import { connSegment, dropsSynFin } from './arrive';
import { resetFor } from './closed-port';
import { createConn } from './conn-init';
import type { Conn } from './conn';
import { checkCookie, makeCookie } from './cookies';
import { absorbPeerSyn, sendSynAck, takeWindow } from './handshake';
import { addSock, embryonic, queuesChanged, settle, type Host, type Listener } from './host-state';
import { ipFieldsFor } from './ip-fields';
import { chooseIsn, timestampOffset, type FourTuple } from './isn';
import { layoutSynOptions, readOffer, synAsksEcn, withoutOptions, type Offer } from './options';
import { FastOpenBits, fastOpenCookie, findFastOpen, serverFastOpen } from './fastopen';
import { seqAdd } from './seq';
import { acceptSynData } from './text';
import { setState, type Ctx } from './step';
import { Flag, type Packet } from './types';

export function listenerPacket(host: Host, l: Listener, packet: Packet, ctx: Ctx): void {
  const seg = packet.segment;
  if (seg.flags & Flag.RST) return; // "An incoming RST should be ignored."
  if (seg.flags & Flag.ACK) {
    if (seg.flags & Flag.SYN && ctx.profile.synAckInListen === 'drop') return;
    if (host.synCookies !== 'never' && cookieConnection(host, l, packet, ctx)) return;
    pushReset(ctx, l, packet); // <SEQ=SEG.ACK><CTL=RST>
    return;
  }
  if (!(seg.flags & Flag.SYN)) return; // "Fourth, other data or control": drop
  if (dropsSynFin(seg, ctx)) return;
  // Linux tcp_conn_request() looks at the SYN queue first: when it is full (or tcp_syncookies
  // is 2) the SYN wants a cookie, and without SYN cookies it is dropped (TCPReqQFullDrop).
  // Only then the accept queue: full, it drops the SYN, a cookie SYN too (ListenOverflows).
  const wantsCookie = host.synCookies === 'always' || l.synQueue.length >= l.room;
  if (wantsCookie && host.synCookies === 'never') {
    ctx.out.push({ type: 'refused', listener: l.id, queue: 'syn' });
    return;
  }
  if (l.acceptQueue.length >= l.room) {
    ctx.out.push({ type: 'refused', listener: l.id, queue: 'accept' });
    return;
  }
  if (wantsCookie) sendCookieSynAck(host, l, packet, ctx);
  else spawnChild(host, l, packet, ctx);
}

/** The listener's own answer, so it carries the listener's IP fields (ip-fields.ts). */
function pushReset(ctx: Ctx, l: Listener, packet: Packet): void {
  const rst = resetFor(packet, ipFieldsFor(l.options.ip ?? null, ctx.profile));
  if (rst) ctx.out.push(rst);
}

function tupleOf(host: Host, packet: Packet): FourTuple {
  return {
    localAddress: host.address,
    localPort: packet.segment.dstPort,
    remoteAddress: packet.src,
    remotePort: packet.segment.srcPort,
  };
}

/** The TS option's place in an offer; its values are filled in per SYN (options.ts synOptions). */
const OFFER_TS = { val: 0, ecr: 0 } as const;

/** The MSS we offer, clamped by the socket's TCP_MAXSEG. */
function offerMss(host: Host, mssClamp: number | undefined): number {
  return mssClamp === undefined ? host.profile.mss : Math.min(host.profile.mss, mssClamp);
}

/** Our offer for a listener's children, clamped by the listener's TCP_MAXSEG. */
export function ourOffer(host: Host, mssClamp: number | undefined): Offer {
  const p = host.profile;
  return {
    mss: offerMss(host, mssClamp),
    wscale: p.windowScale,
    sackOK: p.sackPermitted,
    ts: p.timestamps ? OFFER_TS : null,
    ecn: p.ecn === 1,
  };
}

function newChild(host: Host, l: Listener, packet: Packet, ctx: Ctx, offer: Offer): Conn {
  const tuple = tupleOf(host, packet);
  const d = createConn({
    id: host.nextId,
    tuple,
    iss: chooseIsn(host.isn, tuple, ctx.now),
    profile: host.profile,
    offer,
    tsOffset: timestampOffset(host.isn, tuple),
    passive: true,
    listener: l.id,
    mssClamp: l.options.mss ?? null,
    receiveBuffer: l.options.receiveBuffer ?? null,
    userTimeoutMs: l.options.userTimeoutMs ?? 0,
    keepalive: l.options.keepalive ?? null,
    ip: l.options.ip ?? null,
    md5: l.options.tcpMd5 ?? false,
    // An encapsulated SYN makes an encapsulated connection (FreeBSD syncache_add(): sc_port).
    udpPort: packet.udp?.srcPort ?? 0,
  });
  d.state = 'LISTEN';
  return d;
}

/**
 * "Set RCV.NXT to SEG.SEQ+1, IRS is set to SEG.SEQ ... <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>
 * ... SND.NXT is set to ISS+1 and SND.UNA to ISS". The SYN-ACK offers only what the SYN
 * offered (RFC 7323, RFC 2018). Data on the SYN is not accepted (docs/engine.md), except
 * by a Fast Open listener (fastOpenChild).
 */
function spawnChild(host: Host, l: Listener, packet: Packet, ctx: Ctx): void {
  const seg = packet.segment;
  const peer = readOffer(seg.options);
  const p = host.profile;
  // Our offer (ourOffer) cut down to what the SYN offered, built at once rather than copied.
  let offer: Offer = {
    mss: offerMss(host, l.options.mss),
    wscale: peer.wscale !== null ? p.windowScale : null,
    sackOK: p.sackPermitted && peer.sackOK,
    ts: p.timestamps && peer.tsVal !== null ? OFFER_TS : null,
    // RFC 3168 §6.1.1: an ECN-setup SYN is answered with an ECN-setup SYN,ACK when ECN is on.
    ecn: p.ecn !== 0 && synAsksEcn(seg.flags),
  };
  if (l.options.noOptions) offer = withoutOptions(offer);
  const d = newChild(host, l, packet, ctx, offer);
  absorbPeerSyn(d, seg, host.profile);
  takeWindow(d, seg);
  fastOpenChild(host, l, packet, d, ctx);
  setState(d, ctx, 'SYN-RECEIVED', 'received SYN in LISTEN: SYN,ACK sent (RFC 9293 §3.10.7.2)');
  sendSynAck(d, ctx, 0);
  addChild(host, l, d, ctx);
}

/**
 * RFC 7413 §4.2.2 on a Fast Open listener: a SYN with a valid cookie makes a child that
 * takes the SYN's data at once and may be accepted before the third ACK; a SYN asking for
 * a cookie, or bearing an invalid one, gets a cookie in the SYN,ACK (in the same option
 * form) and its data is ignored, as without Fast Open.
 */
function fastOpenChild(host: Host, l: Listener, packet: Packet, d: Conn, ctx: Ctx): void {
  const fo = findFastOpen(packet.segment.options);
  // Linux tcp_try_fastopen(): a SYN with data, or with the option, on a Fast Open listener;
  // with tcp_fastopen bit 0x200 the data is taken without any cookie, even without the option.
  const syn = fo !== null || packet.segment.payload.length > 0;
  if (!syn || !serverFastOpen(host.profile, l.options.fastOpen === true)) return;
  const cookie = fastOpenCookie(host.profile.fastOpenKey, packet.src, host.address);
  const valid =
    (fo !== null &&
      fo.cookie.length === cookie.length &&
      fo.cookie.every((b, i) => b === cookie[i])) ||
    (host.profile.fastOpen & FastOpenBits.SERVER_NO_COOKIE) !== 0;
  if (!valid) {
    if (fo !== null) d.fastOpenSyn = { cookie, experimental: fo.experimental };
    return;
  }
  d.fastOpened = true;
  acceptSynData(d, ctx, packet.segment.payload); // RCV.NXT moves past it: the SYN,ACK acks it
  d.rcvAdvertised = d.rcvNxt;
}

/** A new child enters the host and its listener's SYN queue (or the accept queue, or neither). */
function addChild(host: Host, l: Listener, child: Conn, ctx: Ctx): void {
  host.nextId = child.id + 1;
  addSock(host, child);
  if (embryonic(child)) {
    l.synQueue.push(child.id);
    queuesChanged(l, ctx);
  } else settle(host, child, true, ctx);
}

function cookieKey(host: Host): number {
  return host.isn.mode === 'rfc' ? host.isn.key : host.isn.value;
}

/** A stateless SYN-ACK whose ISN is the cookie; it carries only the MSS (RFC 4987 §3.6). */
function sendCookieSynAck(host: Host, l: Listener, packet: Packet, ctx: Ctx): void {
  const seg = packet.segment;
  const ip = ipFieldsFor(l.options.ip ?? null, host.profile);
  const peerMss = readOffer(seg.options).mss ?? host.profile.defaultPeerMss;
  const iss = makeCookie(cookieKey(host), tupleOf(host, packet), seg.seq, peerMss, ctx.now);
  ctx.out.push({
    type: 'packet',
    socket: null,
    retransmit: 0,
    packet: {
      src: host.address,
      dst: packet.src,
      segment: {
        srcPort: seg.dstPort,
        dstPort: seg.srcPort,
        seq: iss,
        ack: seqAdd(seg.seq, 1),
        flags: Flag.SYN | Flag.ACK,
        window: Math.min(host.profile.synWindow, 65535),
        urgent: 0,
        options: layoutSynOptions(host.profile.optionLayout, {
          mss: host.profile.mss,
          wscale: null,
          sackOK: false,
          ts: null,
        }),
        payload: new Uint8Array(0),
      },
      ...(ip ? { ip } : {}),
    },
  });
}

/**
 * A returning ACK whose SEG.ACK − 1 is a valid cookie rebuilds the embryonic connection
 * (IRS = SEG.SEQ − 1, ISS = SEG.ACK − 1) and processes the ACK as SYN-RECEIVED would; false
 * when it carries no valid cookie (the listener then answers with a RST).
 */
function cookieConnection(host: Host, l: Listener, packet: Packet, ctx: Ctx): boolean {
  const seg = packet.segment;
  if (seg.flags & (Flag.SYN | Flag.RST)) return false;
  const tuple = tupleOf(host, packet);
  const iss = seqAdd(seg.ack, -1);
  const irs = seqAdd(seg.seq, -1);
  const mss = checkCookie(cookieKey(host), tuple, iss, irs, ctx.now);
  if (mss === null) return false;
  if (l.acceptQueue.length >= l.room) {
    // Linux cookie_v4_check() → tcp_get_cookie_sock(): the child is not made while the accept
    // queue is full (tcp_v4_syn_recv_sock(), sk_acceptq_is_full(), ListenOverflows), and
    // tcp_v4_do_rcv() discards the ACK: no RST (tcp_abort_on_overflow 0), the peer resends.
    ctx.out.push({ type: 'refused', listener: l.id, queue: 'accept' });
    return true;
  }
  const offer: Offer = { mss: host.profile.mss, wscale: null, sackOK: false, ts: null };
  const d = newChild(host, l, packet, ctx, offer);
  d.iss = iss;
  d.sndUna = iss;
  d.sndNxt = seqAdd(iss, 1);
  d.rtxNext = d.sndNxt;
  d.sndBufSeq = d.sndNxt;
  d.synTransmits = 1;
  absorbPeerSyn(d, { ...seg, seq: irs, options: [{ kind: 'mss', value: mss }] }, host.profile, mss);
  setState(
    d,
    ctx,
    'SYN-RECEIVED',
    'ACK carries a valid SYN cookie: the embryonic connection is rebuilt (RFC 4987 §3.6)',
  );
  connSegment(d, seg, ctx);
  addChild(host, l, d, ctx);
  return true;
}
