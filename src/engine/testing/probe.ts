/**
 * Test-only: one host under test and a scripted peer, in the manner of packetdrill. The
 * test injects segments the peer "sends" and reads what the host sent back; timers fire
 * when the test advances time.
 */
import type { AppCall, CallResult, Output, SocketOptions, SynCookies } from '../api';
import { handleIcmp, type IcmpMessage } from '../icmp';
import {
  createHost,
  handleCall,
  handlePacket,
  handleTimeout,
  nextDeadline,
  socketInfo,
  type Host,
} from '../host';
import type { IsnConfig } from '../isn';
import { profiles, type Profile } from '../profiles';
import { seq } from '../seq';
import {
  Flag,
  type Packet,
  type Segment,
  type SocketId,
  type TcpOption,
  type UdpPorts,
} from '../types';

export const LOCAL = '192.168.0.1';
export const REMOTE = '192.0.2.1';
export const REMOTE_PORT = 40000;

export interface Inject {
  readonly flags: string;
  /** Control bits the letters do not spell (ECE 0x40, CWR 0x80, URG 0x20). */
  readonly extraFlags?: number;
  readonly seq: number;
  readonly ack?: number;
  readonly win?: number;
  readonly options?: readonly TcpOption[];
  readonly payload?: Uint8Array | number;
  readonly dstPort?: number;
  readonly srcPort?: number;
  /** The segment comes inside UDP between these ports (udp-tunnel.ts). */
  readonly udp?: UdpPorts;
  /** Makes the packet as it will arrive, e.g. signed (tcp-md5.ts). */
  readonly finish?: (packet: Packet) => Packet;
}

const LETTERS: Readonly<Record<string, number>> = {
  S: Flag.SYN,
  F: Flag.FIN,
  R: Flag.RST,
  P: Flag.PSH,
  '.': Flag.ACK,
};

/** packetdrill-style flags: "S", "S.", "F.", "R", "P.", "." ; "-" for none. */
export function parseFlags(text: string): number {
  let f = 0;
  for (const ch of text) f |= LETTERS[ch] ?? 0;
  return f;
}

export class Probe {
  host: Host;
  now = 0;
  /** Our port and the peer's, as injected segments address them. */
  localPort = 8080;
  remotePort = REMOTE_PORT;
  /** Everything the host output, in order. */
  readonly log: Output[] = [];
  private cursor = 0;

  constructor(
    profile: Profile = profiles.linux,
    isn: IsnConfig = { mode: 'fixed', value: 0 },
    synCookies: SynCookies | boolean = false,
  ) {
    const cookies: SynCookies =
      synCookies === true ? 'on-overflow' : synCookies === false ? 'never' : synCookies;
    this.host = createHost({ address: LOCAL, profile, isn, synCookies: cookies });
  }

  call(call: AppCall): CallResult {
    const r = handleCall(this.host, call, this.now);
    this.take(r.outputs);
    return r.result;
  }

  /**
   * Active open from local port 5000 to the peer's 8080, with the probe's ports set to match,
   * so that segments injected next answer this connection. Returns the new socket.
   */
  connect(options?: SocketOptions): SocketId {
    const socket = this.call({
      call: 'connect',
      remote: REMOTE,
      remotePort: 8080,
      localPort: 5000,
      ...(options ? { options } : {}),
    }).socket as SocketId;
    this.localPort = 5000;
    this.remotePort = 8080;
    return socket;
  }

  inject(i: Inject): void {
    const payload =
      typeof i.payload === 'number'
        ? new Uint8Array(i.payload).fill(0x61)
        : (i.payload ?? new Uint8Array(0));
    const segment: Segment = {
      srcPort: i.srcPort ?? this.remotePort,
      dstPort: i.dstPort ?? this.localPort,
      seq: seq(i.seq),
      ack: seq(i.ack ?? 0),
      flags: parseFlags(i.flags) | (i.extraFlags ?? 0),
      window: i.win ?? 65535,
      urgent: 0,
      options: i.options ?? [],
      payload,
    };
    const plain: Packet = { src: REMOTE, dst: LOCAL, segment, ...(i.udp ? { udp: i.udp } : {}) };
    this.take(handlePacket(this.host, i.finish ? i.finish(plain) : plain, this.now));
  }

  /**
   * The peer's side of the path sends an ICMP error about our segment to it with sequence
   * number `quotedSeq` (from the peer's address, as packetdrill sends it).
   */
  icmp(m: Pick<IcmpMessage, 'type' | 'code'> & Partial<IcmpMessage>, quotedSeq: number): void {
    const message: IcmpMessage = {
      version: 4,
      src: REMOTE,
      dst: LOCAL,
      mtu: 0,
      quoted: {
        src: LOCAL,
        dst: REMOTE,
        srcPort: this.localPort,
        dstPort: this.remotePort,
        seq: seq(quotedSeq),
      },
      ...m,
    };
    this.take(handleIcmp(this.host, message, this.now));
  }

  /** Moves time to now + ms, firing due timers in order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (let at = nextDeadline(this.host); at !== null && at <= end;) {
      this.now = at;
      this.take(handleTimeout(this.host, at));
      at = nextDeadline(this.host);
    }
    this.now = end;
  }

  /** Segments sent since the last call, as [time-less] segments. */
  sent(): Segment[] {
    const out: Segment[] = [];
    for (; this.cursor < this.log.length; this.cursor++) {
      const o = this.log[this.cursor] as Output;
      if (o.type === 'packet') out.push(o.packet.segment);
    }
    return out;
  }

  /** Packets sent since the last call to sent() or sentPackets(), with their IP and UDP parts. */
  sentPackets(): Packet[] {
    const out: Packet[] = [];
    for (; this.cursor < this.log.length; this.cursor++) {
      const o = this.log[this.cursor] as Output;
      if (o.type === 'packet') out.push(o.packet);
    }
    return out;
  }

  outputsOf<T extends Output['type']>(type: T): Extract<Output, { type: T }>[] {
    return this.log.filter((o): o is Extract<Output, { type: T }> => o.type === type);
  }

  info(socket: SocketId) {
    return socketInfo(this.host, socket);
  }

  private take(outputs: readonly Output[]): void {
    for (const o of outputs) this.log.push(o);
  }
}

/** A compact description of a segment for assertions: "S. 0:0(0) ack 1 win 64240". */
export function describeSegment(s: Segment): string {
  const f = s.flags;
  let flags = '';
  if (f & Flag.SYN) flags += 'S';
  if (f & Flag.FIN) flags += 'F';
  if (f & Flag.RST) flags += 'R';
  if (f & Flag.PSH) flags += 'P';
  if (f & Flag.ACK) flags += '.';
  const end = (s.seq + s.payload.length) >>> 0;
  let text = `${flags || '-'} ${s.seq}:${end}(${s.payload.length})`;
  if (f & Flag.ACK) text += ` ack ${s.ack}`;
  return `${text} win ${s.window}`;
}

/** Passive open fixture: listen on 8080, peer's SYN (ISN 0), our SYN-ACK, peer's ACK, accept. */
export function acceptedProbe(
  profile: Profile = profiles.linux,
  synOptions: readonly TcpOption[] = [{ kind: 'mss', value: 1000 }],
): { probe: Probe; socket: SocketId; listener: SocketId } {
  const probe = new Probe(profile);
  const listener = probe.call({ call: 'listen', port: 8080 }).socket as SocketId;
  probe.inject({ flags: 'S', seq: 0, win: 65535, options: synOptions });
  probe.inject({ flags: '.', seq: 1, ack: 1, win: 65535 });
  const socket = probe.call({ call: 'accept', socket: listener }).socket as SocketId;
  probe.sent();
  return { probe, socket, listener };
}

/** Active open fixture: connect to the peer, which answers SYN-ACK (ISN 0, mss 1000). */
export function connectedProbe(profile: Profile = profiles.linux): {
  probe: Probe;
  socket: SocketId;
} {
  const probe = new Probe(profile);
  const socket = probe.connect();
  probe.inject({
    flags: 'S.',
    seq: 0,
    ack: 1,
    win: 65535,
    options: [{ kind: 'mss', value: 1000 }],
  });
  probe.sent();
  return { probe, socket };
}
