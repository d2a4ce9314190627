/**
 * Replays a capture's opening through the engine, as a packetdrill script does (runner.ts): the
 * engine takes the server's place under a chosen profile, the client's captured segments are
 * injected at their captured times (EngineWorld, the script runner's own virtual clock), and
 * what the engine sends is set beside what the real server sent, in order. Where they differ,
 * the difference names the fields, so a student sees where their server parts from Linux,
 * FreeBSD or the RFC. Pure: bytes in, facts out; nothing captured is run.
 *
 * The opening is the handshake and what follows while the server's application stays silent:
 * the replay stops before the server's first data or FIN, which need application calls a
 * capture cannot show. Numbers line up because the engine is given the server's own ISN (a
 * fixed ISN, RFC 9293 §3.4.1 allows any) and the client's TS echoes are moved onto the engine's
 * clock (RFC 7323 §4.3: TSecr echoes the TSval the client last saw).
 */
import {
  Flag,
  profileForFamily,
  profiles,
  type IpFamily,
  type Packet,
  type ProfileName,
  type Segment,
  type TcpOption,
} from '../../engine';
import { EngineWorld, type Emitted } from '../packetdrill/world';
import type { CapturePacket } from '../../wire/read-capture';
import type { Conversation } from '../../wire/conversation/conversations';

/** At most this many captured segments make the opening. */
export const MAX_OPENING_SEGMENTS = 64;
/** How long the engine may still answer after the opening's last segment: Linux's longest delayed ACK (TCP_DELACK_MAX). */
const TAIL_MS = 200;
/**
 * The two ends, in the captured conversation's family (documentation addresses: RFC 5737,
 * RFC 3849), so the engine's MSS is the one a host of that family announces.
 */
const ADDRESSES: Readonly<Record<IpFamily, { client: string; server: string }>> = {
  4: { client: '192.0.2.1', server: '192.0.2.2' },
  6: { client: '2001:db8::1', server: '2001:db8::2' },
};

/** One place where the engine and the captured server part ways. */
export interface ReplayDifference {
  /** The captured server segment's index in the conversation (0-based), or null for a segment only the engine sends. */
  readonly captured: number | null;
  /** When the engine sent its segment, ms from the conversation's first packet, or null if it sent none. */
  readonly engineAt: number | null;
  /** The engine's segment, written like the captured one, or null. */
  readonly engine: string | null;
  /** The captured segment, or null. */
  readonly server: string | null;
  /** What differs, e.g. "window: server 65160, linux 65535". */
  readonly fields: readonly string[];
}

export interface Replay {
  readonly profile: ProfileName;
  /** Captured segments the opening holds (both directions). */
  readonly segments: number;
  /** Server segments compared with the engine's. */
  readonly compared: number;
  readonly differences: readonly ReplayDifference[];
  /** Why the replay ends where it does. */
  readonly end: string;
}

export type ReplayOutcome =
  { readonly ok: true; readonly replay: Replay } | { readonly ok: false; readonly message: string };

const portOf = (endpoint: string) => Number(endpoint.slice(endpoint.lastIndexOf(':') + 1));

const FLAG_WORDS: readonly [number, string][] = [
  [Flag.SYN, 'SYN'],
  [Flag.FIN, 'FIN'],
  [Flag.RST, 'RST'],
  [Flag.PSH, 'PSH'],
  [Flag.ACK, 'ACK'],
  [Flag.URG, 'URG'],
  [Flag.ECE, 'ECE'],
  [Flag.CWR, 'CWR'],
];
const flagWords = (flags: number) =>
  FLAG_WORDS.filter(([bit]) => flags & bit)
    .map(([, word]) => word)
    .join('-') || 'none';

/** The option layout as the segment carries it; timestamps' values and SACK edges are numbers of the run, not choices of the stack. */
function optionLayout(options: readonly TcpOption[]): string {
  return options
    .map((o) => {
      switch (o.kind) {
        case 'mss':
          return `mss ${o.value}`;
        case 'wscale':
          return `wscale ${o.shift}`;
        case 'ts':
          return 'TS';
        case 'sack':
          return 'sack';
        case 'unknown':
          return `option ${o.type}`;
        default:
          return o.kind;
      }
    })
    .join(',');
}

interface Numbering {
  readonly clientIsn: number;
  readonly serverIsn: number;
}

const rel = (n: number, base: number) => (n - base) >>> 0;

/** "SYN-ACK seq=0 ack=1 win=65535 <mss 1460,sackOK,TS,nop,wscale 7>", numbers relative. */
export function describeSegment(segment: Segment, numbers: Numbering): string {
  const ack = segment.flags & Flag.ACK ? ` ack=${rel(segment.ack, numbers.clientIsn)}` : '';
  const len = segment.payload.length > 0 ? ` len=${segment.payload.length}` : '';
  const options = segment.options.length > 0 ? ` <${optionLayout(segment.options)}>` : '';
  return `${flagWords(segment.flags)} seq=${rel(segment.seq, numbers.serverIsn)}${ack} win=${segment.window}${len}${options}`;
}

/** The fields in which the engine's segment differs from the server's. */
function differences(
  server: Segment,
  engine: Segment,
  numbers: Numbering,
  profile: ProfileName,
): string[] {
  const fields: string[] = [];
  const compare = (name: string, a: string | number, b: string | number) => {
    if (a !== b) fields.push(`${name}: server ${a}, ${profile} ${b}`);
  };
  compare('flags', flagWords(server.flags), flagWords(engine.flags));
  compare('seq', rel(server.seq, numbers.serverIsn), rel(engine.seq, numbers.serverIsn));
  if (server.flags & engine.flags & Flag.ACK) {
    compare('ack', rel(server.ack, numbers.clientIsn), rel(engine.ack, numbers.clientIsn));
  }
  compare('len', server.payload.length, engine.payload.length);
  compare('window', server.window, engine.window);
  compare('options', `<${optionLayout(server.options)}>`, `<${optionLayout(engine.options)}>`);
  return fields;
}

const tsOf = (segment: Segment) => segment.options.find((o) => o.kind === 'ts');

/** The client's segment on the engine's clock: its TS echo moved by the two servers' TS offset. */
function inbound(
  p: CapturePacket,
  serverPort: number,
  tsShift: number | null,
  ends: { client: string; server: string },
): Packet {
  const s = p.segment;
  const options =
    tsShift === null
      ? s.options
      : s.options.map((o) =>
          o.kind === 'ts' && o.ecr !== 0 ? { ...o, ecr: (o.ecr + tsShift) >>> 0 } : o,
        );
  return {
    src: ends.client,
    dst: ends.server,
    segment: { ...s, dstPort: serverPort, options },
  };
}

/** The opening: segments up to the server's first data or FIN, at most MAX_OPENING_SEGMENTS. */
function opening(
  packets: readonly CapturePacket[],
  server: string,
): { opening: CapturePacket[]; next: CapturePacket | undefined; end: string } {
  const taken: CapturePacket[] = [];
  for (const p of packets) {
    const s = p.segment;
    if (p.src === server && (s.payload.length > 0 || s.flags & Flag.FIN)) {
      return {
        opening: taken,
        next: p,
        end: `before the server's first ${s.payload.length > 0 ? 'data' : 'FIN'}, which its application chose to send`,
      };
    }
    if (taken.length === MAX_OPENING_SEGMENTS) {
      return { opening: taken, next: p, end: `after ${MAX_OPENING_SEGMENTS} segments` };
    }
    taken.push(p);
  }
  return { opening: taken, next: undefined, end: 'at the end of the capture' };
}

export function replayOpening(
  all: readonly CapturePacket[],
  conversation: Conversation,
  profile: ProfileName,
): ReplayOutcome {
  const packets = conversation.packetIndexes.flatMap((i) => all[i] ?? []);
  const client = conversation.a;
  const server = conversation.b;
  const syn = packets.find(
    (p) => p.src === client && (p.segment.flags & (Flag.SYN | Flag.ACK)) === Flag.SYN,
  );
  if (!conversation.opensInCapture || !syn) {
    return {
      ok: false,
      message:
        'This conversation was captured after its SYN: a replay needs the opening, from the first SYN.',
    };
  }
  const t0 = packets[0]?.t ?? 0;
  const at = (p: CapturePacket) => p.t - t0;
  const cut = opening(
    packets.filter((p) => p.t >= syn.t),
    server,
  );
  const serverSegments = cut.opening.filter((p) => p.src === server);
  const synAck = serverSegments.find((p) => p.segment.flags & Flag.SYN);
  const refused = serverSegments[0] !== undefined && serverSegments[0].segment.flags & Flag.RST;
  const numbers: Numbering = {
    clientIsn: syn.segment.seq,
    serverIsn: synAck?.segment.seq ?? 0,
  };
  const serverPort = portOf(server);

  const family: IpFamily = server.startsWith('[') ? 6 : 4;
  const ends = ADDRESSES[family];
  const world = new EngineWorld(
    {
      address: ends.server,
      profile: profileForFamily(profiles[profile], family),
      // The server's own ISN, so both sides' numbers read alike (RFC 9293 §3.4.1).
      isn: { mode: 'fixed', value: numbers.serverIsn },
    },
    () => undefined,
  );
  // Everything the engine sends waits here in order; nothing takes it as the replay runs.
  const emitted: readonly Emitted[] = world.outbound;
  // The server's application listened on its port, unless the capture shows a refusal (RST).
  if (!refused) world.call({ call: 'listen', port: serverPort });

  const serverTs = synAck ? tsOf(synAck.segment) : undefined;
  let tsShift: number | null = null;
  for (const p of cut.opening) {
    if (p.src !== client) continue;
    world.advanceTo(Math.round(at(p) * 1000));
    if (tsShift === null && serverTs) {
      const engineTs = emitted.map((e) => tsOf(e.packet.segment)).find((o) => o !== undefined);
      if (engineTs) tsShift = (engineTs.val - serverTs.val) | 0;
    }
    world.inject(inbound(p, serverPort, tsShift, ends));
  }
  const last = cut.opening[cut.opening.length - 1];
  const until = cut.next ? at(cut.next) : last ? at(last) + TAIL_MS : 0;
  world.advanceTo(Math.round(until * 1000));

  const indexOf = new Map(packets.map((p, i) => [p, i]));
  const list: ReplayDifference[] = [];
  const count = Math.max(serverSegments.length, emitted.length);
  for (let i = 0; i < count; i++) {
    const captured = serverSegments[i];
    const engine = emitted[i];
    const engineText = engine ? describeSegment(engine.packet.segment, numbers) : null;
    const serverText = captured ? describeSegment(captured.segment, numbers) : null;
    const fields =
      captured && engine
        ? differences(captured.segment, engine.packet.segment, numbers, profile)
        : captured
          ? [`${profile} would send nothing here`]
          : [`the server sent nothing here; ${profile} would`];
    if (fields.length === 0) continue;
    list.push({
      captured: captured ? (indexOf.get(captured) ?? null) : null,
      engineAt: engine ? engine.atUsecs / 1000 : null,
      engine: engineText,
      server: serverText,
      fields,
    });
  }
  return {
    ok: true,
    replay: {
      profile,
      segments: cut.opening.length,
      compared: serverSegments.length,
      differences: list,
      end: cut.end,
    },
  };
}
