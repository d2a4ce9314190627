/** A fresh TCB, before its first state change (RFC 9293 §3.3.1 variables at their start). */
import type { Conn } from './conn';
import type { FourTuple } from './isn';
import type { Offer } from './options';
import type { Profile } from './profiles';
import { SendBuf } from './sendbuf';
import { seqAdd } from './seq';
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
}

export function createConn(s: ConnSeed): Conn {
  const afterSyn = seqAdd(s.iss, 1);
  const zero = 0 as Seq;
  return {
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
    error: null,
    mssClamp: s.mssClamp,
    synRetries: s.synRetries ?? null,
    userTimeoutMs: s.userTimeoutMs ?? 0,
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
    held: [],
    sackReported: [],
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
    persistAt: null,
    delayedAckAt: null,
    timeWaitAt: null,
    finWait2At: null,
  };
}
