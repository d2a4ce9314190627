/** A fresh TCB, before its first state change (RFC 9293 §3.3.1 variables at their start). */
import { copyCongestion, newCongestion } from './congestion-state';
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

/**
 * The value a time or RTT field is first set to, before its real one: V8 gives a field the
 * representation of the first value stored in it. Times and RTT estimates hold whole
 * milliseconds until a fractional RTT or timeout moves the clock off them (often a run's first
 * loss); a field that had held small integers then changed its representation at that moment,
 * which threw away all the optimized code that read it (a fork's first drops did that, the
 * third drop of the fork bench 87 deoptimizations). Set first to a fraction, such a field holds
 * doubles from the start, whole or not, in every TCB (copies follow the fresh TCB's layout).
 */
export const FIRST_AS_DOUBLE = 0.5;

/** Shared by every fresh TCB: both lists are replaced, never written in place. */
const NONE_HELD: readonly Held[] = [];
const NO_BLOCKS: readonly SackBlock[] = [];

/**
 * Every TCB, fresh or copied, is made by this constructor, with its fields in one
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
 * object made by `new` has no allocation site and is born young.
 */
// The interface gives the class Conn's fields, which the constructor sets one by one.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
interface Tcb extends Conn {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
class Tcb {
  /**
   * A copy of a TCB, or a fresh one from its seed with its fields set here directly (an
   * intermediate literal of every field cost about 0.7 kB per connection): one field order.
   */
  constructor(from: Conn | ConnSeed) {
    if ('kind' in from) {
      const c = from;
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
      return;
    }
    const s = from;
    const afterSyn = seqAdd(s.iss, 1);
    const zero = 0 as Seq;
    this.kind = 'conn';
    this.id = s.id;
    this.state = 'CLOSED';
    this.tuple = s.tuple;
    this.listener = s.listener;
    this.passive = s.passive;
    this.owned = !s.passive;
    this.appClosed = false;
    this.readShut = false;
    this.writeShut = false;
    this.writeBlocked = false;
    this.error = null;
    this.softError = null;
    this.mssClamp = s.mssClamp;
    this.pathMtu = null;
    this.pathMss = null;
    this.synRetries = s.synRetries ?? null;
    this.userTimeoutMs = s.userTimeoutMs ?? 0;
    this.keepalive = s.keepalive ?? null;
    this.lastHeardAt = FIRST_AS_DOUBLE;
    this.lastHeardAt = 0;
    this.probingSince = null;
    this.probesOut = 0;
    this.ip = s.ip ?? null;
    this.md5 = s.md5 ?? false;
    this.udpPort = s.udpPort ?? 0;
    this.udpOverhead = tunnelOverhead(s.profile, s.udpPort ?? 0);
    this.unaSentAt = FIRST_AS_DOUBLE;
    this.unaSentAt = 0;
    this.iss = s.iss;
    this.sndUna = s.iss;
    this.sndNxt = s.iss;
    this.sndWnd = 0;
    this.sndWl1 = zero;
    this.sndWl2 = zero;
    this.maxSndWnd = 0;
    this.sndBuf = new SendBuf();
    this.sndBufSeq = afterSyn;
    this.finSeq = null;
    this.rtxNext = s.iss;
    this.rtxRound = 0;
    this.backoff = 0;
    this.retries = 0;
    this.lastSentSeq = s.iss;
    this.tlpHighSeq = null;
    this.tlpRetrans = false;
    this.recoveryEnd = null;
    this.lossRecovery = false;
    this.cc = newCongestion(s.iss);
    this.totalRetransmits = 0;
    this.synTransmits = 0;
    this.synSentAt = null;
    this.srtt = null;
    this.rttvar = FIRST_AS_DOUBLE;
    this.rttvar = 0;
    this.rto = FIRST_AS_DOUBLE;
    this.rto = s.profile.rtoInitialMs;
    this.rttSeq = null;
    this.rttStart = FIRST_AS_DOUBLE;
    this.rttStart = 0;
    this.connectDeadline = null;
    this.irs = zero;
    this.rcvNxt = zero;
    this.rcvBuffer = s.receiveBuffer ?? s.profile.receiveBuffer;
    this.rcvUnread = 0;
    this.rcvQueue = null;
    this.held = NONE_HELD;
    this.sackReported = NO_BLOCKS;
    this.sackLatest = null;
    this.dsack = null;
    this.rcvAdvertised = zero;
    this.finReceived = false;
    this.ackNow = false;
    this.quickAcks = s.profile.quickAckSegments;
    this.ato = 0;
    this.lastDataAt = FIRST_AS_DOUBLE;
    this.lastDataAt = 0;
    this.pingpong = false;
    this.offer = s.offer;
    this.negotiated = null;
    this.tsOffset = s.tsOffset;
    this.tsRecent = 0;
    this.lastAckSent = zero;
    this.fastOpenSyn = null;
    this.synData = 0;
    this.fastOpened = false;
    this.fastOpenClient = false;
    this.rtxAt = null;
    this.lossProbeAt = null;
    this.persistAt = null;
    this.delayedAckAt = null;
    this.timeWaitAt = null;
    this.finWait2At = null;
    this.keepaliveAt = null;
  }
}

export function createConn(s: ConnSeed): Conn {
  return new Tcb(s);
}

/**
 * A copy of a TCB, with a congestion state of its own (every other field it holds is a value
 * or is replaced, never written in place).
 */
export function laidOut(c: Conn): Conn {
  const copy = new Tcb(c);
  copy.cc = copyCongestion(c.cc);
  return copy;
}
