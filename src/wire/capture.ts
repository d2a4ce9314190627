/**
 * Which segments a capture holds, and when, depends on where it is taken — as with a real
 * tcpdump:
 * - at an endpoint: each segment it sends, at send time, and each segment it receives, at
 *   delivery time. A segment lost on the way shows on the sender's side only; a duplicated
 *   one arrives (and shows) twice.
 * - on the link: every segment as it enters the link (send time), lost ones included, plus
 *   each copy the link makes, when it makes it.
 */
import type { DeliverEvent, DuplicateEvent, SendEvent, Trace } from '../sim/trace';

export type CapturePoint = 'client' | 'server' | 'link';
const CAPTURE_POINTS: readonly string[] = ['client', 'server', 'link'];

export interface CaptureOptions {
  readonly captureAt: CapturePoint;
  /**
   * The endpoint whose capture to take, when it is not the one `captureAt` names (e.g.
   * 'client-2'); only with captureAt 'client' or 'server'.
   */
  readonly endpoint?: string;
  /** The run's endpoints (RunResult.endpoints): when given, the endpoint must be one of them. */
  readonly endpoints?: readonly { readonly name: string }[];
}

export interface CapturedSegment {
  /** Virtual time of the capture, ms. */
  readonly t: number;
  readonly send: SendEvent;
  /** IPv4 identification: numbered per sending address in order of sending, copies keep it. */
  readonly identification: number;
  readonly seen: 'sent' | 'received' | 'copied';
}

export function capturedSegments(trace: Trace, options: CaptureOptions): CapturedSegment[] {
  const endpoint = captureEndpoint(trace, options);
  const sends = new Map<number, { send: SendEvent; identification: number }>();
  const identifications = new Identifications();
  const captured: CapturedSegment[] = [];
  const sent = (e: DeliverEvent | DuplicateEvent): { send: SendEvent; identification: number } => {
    const known = sends.get(e.id);
    if (!known) {
      throw new Error(
        `${e.type} event at t=${e.t} names segment #${e.id}, which was not sent before`,
      );
    }
    return known;
  };

  for (const event of trace) {
    if (event.type === 'send') {
      checkTime(event.t, event.id);
      const identification = identifications.next(event);
      sends.set(event.id, { send: event, identification });
      if (endpoint === undefined || event.from === endpoint) {
        captured.push({ t: event.t, send: event, identification, seen: 'sent' });
      }
    } else if (event.type === 'deliver') {
      const { send, identification } = sent(event);
      if (endpoint !== undefined && send.to === endpoint) {
        checkTime(event.t, event.id);
        captured.push({ t: event.t, send, identification, seen: 'received' });
      }
    } else if (event.type === 'duplicate') {
      const { send, identification } = sent(event);
      if (endpoint === undefined) {
        checkTime(event.t, event.id);
        captured.push({ t: event.t, send, identification, seen: 'copied' });
      }
    }
  }
  // A capture's timestamps never go backwards; the sort is stable, so ties keep trace order.
  return captured.sort((a, b) => a.t - b.t);
}

/**
 * IPv4 identification numbers (RFC 791 §3.2): each sending address numbers its packets 1, 2,
 * 3, ... in order of sending, wrapping at 16 bits. With DF set nothing reassembles by them
 * (RFC 6864 §4.1), so any numbering is valid; this one is easy to follow in a capture.
 */
export class Identifications {
  private readonly next_ = new Map<string, number>();

  /** The identification of `send`, the next one of its sending address. */
  next(send: SendEvent): number {
    const host = send.src.slice(0, send.src.lastIndexOf(':'));
    const identification = this.next_.get(host) ?? 1;
    this.next_.set(host, (identification + 1) & 0xffff);
    return identification;
  }
}

/** The identification of `send` among `sends` (the trace's sends in order). */
export function identificationOf(sends: readonly SendEvent[], send: SendEvent): number {
  const numbering = new Identifications();
  for (const s of sends) {
    const identification = numbering.next(s);
    if (s.id === send.id) return identification;
  }
  return numbering.next(send);
}

/** The endpoint name to capture at, or undefined for the link; clear errors for bad input. */
function captureEndpoint(trace: Trace, options: CaptureOptions): string | undefined {
  const { captureAt, endpoint, endpoints } = options;
  if (!CAPTURE_POINTS.includes(captureAt)) {
    throw new Error(`capture point must be client, server or link, got "${String(captureAt)}"`);
  }
  if (captureAt === 'link') {
    if (endpoint !== undefined) {
      throw new Error(`a capture on the link takes no endpoint (got "${endpoint}")`);
    }
    return undefined;
  }
  const name = endpoint ?? captureAt;
  if (endpoints && !endpoints.some((e) => e.name === name)) {
    const known = endpoints.map((e) => e.name).join(', ');
    throw new Error(`no endpoint named "${name}" in this run (endpoints: ${known})`);
  }
  const sends = trace.filter((e) => e.type === 'send');
  if (sends.length > 0 && !sends.some((e) => e.from === name || e.to === name)) {
    throw new Error(`no segment in this trace was sent by or to an endpoint named "${name}"`);
  }
  return name;
}

function checkTime(t: number, id: number): void {
  if (!Number.isFinite(t) || t < 0) {
    throw new Error(`segment #${id} has time ${t}; a capture needs finite times of 0 or more`);
  }
}
