/** A fresh TCB, before its first state change (RFC 9293 §3.3.1 variables at their start). */
import { newCongestion } from './congestion-state';
import type { Conn, Held } from './conn';
import type { SackBlock } from './sack-blocks';
import type { IpOptions } from './ip-fields';
import type { KeepaliveSettings } from './keepalive';
import type { FourTuple } from './isn';
import type { Offer } from './options';
import type { Profile } from './profiles';
import { SendBuf } from './sendbuf';
import { seqAdd } from './seq';
import { tunnelOverhead } from './udp-tunnel';
import type { Seq, SocketId } from './types';

export interface ConnSeed {
  readonly id: SocketId;
  readonly tuple: FourTuple;
  readonly iss: Seq;
  readonly profile: Profile;
  readonly offer: Offer;
  readonly tsOffset: number;
  readonly passive: boolean;
  readonly listener: SocketId | null;
  readonly mssClamp: number | null;
  readonly receiveBuffer: number | null;
  readonly synRetries?: number | null;
  readonly userTimeoutMs?: number;
  readonly keepalive?: KeepaliveSettings | null;
  readonly ip?: IpOptions | null;
  readonly md5?: boolean;
  readonly udpPort?: number;
}

/** Shared by every fresh TCB: both lists are replaced, never written in place. */
const NONE_HELD: readonly Held[] = [];
const NO_BLOCKS: readonly SackBlock[] = [];

/**
 * Every TCB, fresh or copied, is made by this constructor, with its fields in createConn's
 * order, each in the object itself: fresh TCBs and snapshot copies share one hidden class
 * (host.test.ts checks the order). A spread copy (`{ ...c }`) kept 4 fields in the object and
 * the rest in a separate array, and the code a run had optimized for its TCBs deoptimized on a
 * snapshot's (a fork's first replays were several times slower than the run they resumed).
 *
 * A constructor, not an object literal: V8 tracks an allocation site for each object literal
 * and, once most objects from a site outlive a young-generation collection (as TCBs do that
 * wait out TIME-WAIT), allocates that site's objects in the old generation from then on
 * ("pretenuring"). Every TCB was then born in the old generation, its 16 boxed sequence-number
 * fields with it, onto pages the kernel had to fault in, and every young object later stored
 * into it paid the write barrier: about a fifth of the CPU time of many short connections. An
 * object made by `new` has no allocation site and is born young; createConn's literal, which
 * only carries the fresh values here, dies young.
 */
// The interface gives the class Conn's fields, which the constructor sets one by one.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
interface Tcb extends Conn {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
class Tcb {
  constructor(c: Conn) {
    this.kind = c.kind;
    this.id = c.id;
    this.state = c.state;
    this.tuple = c.tuple;
    this.listener = c.listener;
    this.passive = c.passive;
    this.owned = c.owned;
    this.appClosed = c.appClosed;
    this.readShut = c.readShut;
    this.writeShut = c.writeShut;
    this.writeBlocked = c.writeBlocked;
    this.error = c.error;
    this.softError = c.softError;
    this.mssClamp = c.mssClamp;
    this.pathMtu = c.pathMtu;
    this.pathMss = c.pathMss;
    this.synRetries = c.synRetries;
    this.userTimeoutMs = c.userTimeoutMs;
    this.keepalive = c.keepalive;
    this.lastHeardAt = c.lastHeardAt;
    this.probingSince = c.probingSince;
    this.probesOut = c.probesOut;
    this.ip = c.ip;
    this.md5 = c.md5;
    this.udpPort = c.udpPort;
    this.udpOverhead = c.udpOverhead;
    this.unaSentAt = c.unaSentAt;
    this.iss = c.iss;
    this.sndUna = c.sndUna;
    this.sndNxt = c.sndNxt;
    this.sndWnd = c.sndWnd;
    this.sndWl1 = c.sndWl1;
    this.sndWl2 = c.sndWl2;
    this.maxSndWnd = c.maxSndWnd;
    this.sndBuf = c.sndBuf;
    this.sndBufSeq = c.sndBufSeq;
    this.finSeq = c.finSeq;
    this.rtxNext = c.rtxNext;
    this.rtxRound = c.rtxRound;
    this.backoff = c.backoff;
    this.retries = c.retries;
    this.lastSentSeq = c.lastSentSeq;
    this.tlpHighSeq = c.tlpHighSeq;
    this.tlpRetrans = c.tlpRetrans;
    this.recoveryEnd = c.recoveryEnd;
    this.lossRecovery = c.lossRecovery;
    this.cc = c.cc;
    this.totalRetransmits = c.totalRetransmits;
    this.synTransmits = c.synTransmits;
    this.synSentAt = c.synSentAt;
    this.srtt = c.srtt;
    this.rttvar = c.rttvar;
    this.rto = c.rto;
    this.rttSeq = c.rttSeq;
    this.rttStart = c.rttStart;
    this.connectDeadline = c.connectDeadline;
    this.irs = c.irs;
    this.rcvNxt = c.rcvNxt;
    this.rcvBuffer = c.rcvBuffer;
    this.rcvUnread = c.rcvUnread;
    this.rcvQueue = c.rcvQueue;
    this.held = c.held;
    this.sackReported = c.sackReported;
    this.sackLatest = c.sackLatest;
    this.dsack = c.dsack;
    this.rcvAdvertised = c.rcvAdvertised;
    this.finReceived = c.finReceived;
    this.ackNow = c.ackNow;
    this.quickAcks = c.quickAcks;
    this.ato = c.ato;
    this.lastDataAt = c.lastDataAt;
    this.pingpong = c.pingpong;
    this.offer = c.offer;
    this.negotiated = c.negotiated;
    this.tsOffset = c.tsOffset;
    this.tsRecent = c.tsRecent;
    this.lastAckSent = c.lastAckSent;
    this.fastOpenSyn = c.fastOpenSyn;
    this.synData = c.synData;
    this.fastOpened = c.fastOpened;
    this.fastOpenClient = c.fastOpenClient;
    this.rtxAt = c.rtxAt;
    this.lossProbeAt = c.lossProbeAt;
    this.persistAt = c.persistAt;
    this.delayedAckAt = c.delayedAckAt;
    this.timeWaitAt = c.timeWaitAt;
    this.finWait2At = c.finWait2At;
    this.keepaliveAt = c.keepaliveAt;
  }
}

export function createConn(s: ConnSeed): Conn {
  const afterSyn = seqAdd(s.iss, 1);
  const zero = 0 as Seq;
  return new Tcb({
    kind: 'conn',
    id: s.id,
    state: 'CLOSED',
    tuple: s.tuple,
    listener: s.listener,
    passive: s.passive,
    owned: !s.passive,
    appClosed: false,
    readShut: false,
    writeShut: false,
    writeBlocked: false,
    error: null,
    softError: null,
    mssClamp: s.mssClamp,
    pathMtu: null,
    pathMss: null,
    synRetries: s.synRetries ?? null,
    userTimeoutMs: s.userTimeoutMs ?? 0,
    keepalive: s.keepalive ?? null,
    lastHeardAt: 0,
    probingSince: null,
    probesOut: 0,
    ip: s.ip ?? null,
    md5: s.md5 ?? false,
    udpPort: s.udpPort ?? 0,
    udpOverhead: tunnelOverhead(s.profile, s.udpPort ?? 0),
    unaSentAt: 0,
    iss: s.iss,
    sndUna: s.iss,
    sndNxt: s.iss,
    sndWnd: 0,
    sndWl1: zero,
    sndWl2: zero,
    maxSndWnd: 0,
    sndBuf: new SendBuf(),
    sndBufSeq: afterSyn,
    finSeq: null,
    rtxNext: s.iss,
    rtxRound: 0,
    backoff: 0,
    retries: 0,
    lastSentSeq: s.iss,
    tlpHighSeq: null,
    tlpRetrans: false,
    recoveryEnd: null,
    lossRecovery: false,
    cc: newCongestion(s.iss),
    totalRetransmits: 0,
    synTransmits: 0,
    synSentAt: null,
    srtt: null,
    rttvar: 0,
    rto: s.profile.rtoInitialMs,
    rttSeq: null,
    rttStart: 0,
    connectDeadline: null,
    irs: zero,
    rcvNxt: zero,
    rcvBuffer: s.receiveBuffer ?? s.profile.receiveBuffer,
    rcvUnread: 0,
    rcvQueue: null,
    held: NONE_HELD,
    sackReported: NO_BLOCKS,
    sackLatest: null,
    dsack: null,
    rcvAdvertised: zero,
    finReceived: false,
    ackNow: false,
    quickAcks: s.profile.quickAckSegments,
    ato: 0,
    lastDataAt: 0,
    pingpong: false,
    offer: s.offer,
    negotiated: null,
    tsOffset: s.tsOffset,
    tsRecent: 0,
    lastAckSent: zero,
    fastOpenSyn: null,
    synData: 0,
    fastOpened: false,
    fastOpenClient: false,
    rtxAt: null,
    lossProbeAt: null,
    persistAt: null,
    delayedAckAt: null,
    timeWaitAt: null,
    finWait2At: null,
    keepaliveAt: null,
  });
}

/**
 * A copy of a TCB, with a congestion state of its own (every other field it holds is a value
 * or is replaced, never written in place).
 */
export function laidOut(c: Conn): Conn {
  const copy = new Tcb(c);
  copy.cc = { ...c.cc };
  return copy;
}
