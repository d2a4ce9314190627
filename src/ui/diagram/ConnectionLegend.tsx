/**
 * The legend of a lifeline that runs several connections (a listener and its children): each
 * child's number and colour, as its notes and timer bars carry them, with whom it is; notes with
 * no number belong to the listening socket itself. Children with unnamed peers of one network
 * (a flood's spoofed sources) share one entry, "1–4 198.51.100.1–4:1024", so the legend stays a
 * line or two on a phone.
 */
import type { ChildConnection, Timeline } from '../../store';
import { CONNECTION_COLOURS, connectionNumbers, connectionsOf } from './lane-notes';
import styles from './SequenceDiagram.module.css';
import { keepsNoTcpState } from '../format/stateless-endpoint';

const colourOf = (n: number) => styles[`conn-${((n - 1) % CONNECTION_COLOURS) + 1}`];

interface Entry {
  readonly key: string;
  readonly members: ChildConnection[];
  readonly who: string | undefined;
}

/** "198.51.100.1–4:1024" for peers that differ only in the last number of their address. */
function peersOf(members: readonly ChildConnection[]): string {
  const first = members[0]?.peer ?? '';
  if (members.length === 1) return first;
  const last = members[members.length - 1]?.peer ?? '';
  const lastDot = (peer: string) => peer.lastIndexOf('.');
  const colon = (peer: string) => peer.lastIndexOf(':');
  return `${first.slice(0, colon(first))}–${last.slice(lastDot(last) + 1)}`;
}

/** The network of an address:port, "198.51.100.*:1024", for peers that differ in the last number. */
const networkOf = (peer: string) => peer.replace(/\.\d+(:\d+)$/, '.*$1');

/**
 * Whom each peer is: a named lifeline's name, or "spoofed" for an address of a flood's network
 * (the spoofed sources' lane stands for all of them).
 */
function whoOf(timeline: Timeline): (peer: string) => string | undefined {
  const named = new Map<string, string>();
  const spoofed = new Set<string>();
  for (const e of timeline.endpoints) {
    const peer = `${e.address}:${e.port}`;
    if (keepsNoTcpState(e.profile)) spoofed.add(networkOf(peer));
    else named.set(peer, e.name);
  }
  return (peer) => named.get(peer) ?? (spoofed.has(networkOf(peer)) ? 'spoofed' : undefined);
}

function entries(
  list: readonly ChildConnection[],
  who: (peer: string) => string | undefined,
): Entry[] {
  const result: Entry[] = [];
  for (const c of list) {
    const network = networkOf(c.peer);
    const whom = who(c.peer);
    const previous = result[result.length - 1];
    const prevLast = previous?.members[previous.members.length - 1];
    const named = whom !== undefined && whom !== 'spoofed';
    if (
      !named &&
      previous !== undefined &&
      previous.key === network &&
      prevLast !== undefined &&
      prevLast.n === c.n - 1
    ) {
      previous.members.push(c);
    } else result.push({ key: named ? c.key : network, members: [c], who: whom });
  }
  return result;
}

export function ConnectionLegend({ timeline }: { timeline: Timeline }) {
  const { children } = connectionsOf(timeline);
  if (children.size === 0) return null;
  const who = whoOf(timeline);
  return [...children].map(([endpoint, list]) => (
    <p key={endpoint} className={styles.legend} aria-label={`${endpoint}'s connections`}>
      <span className={styles.legendTitle}>{endpoint}&apos;s connections:</span>
      {entries(list, who).map((entry) => {
        const numbers = connectionNumbers(entry.members.map((m) => m.n));
        const peer = entry.members.length > 1 ? peersOf(entry.members) : entry.members[0]?.peer;
        return (
          <span key={entry.key} className={styles.legendEntry}>
            {entry.members.map((m) => (
              <span
                key={m.n}
                className={`${styles.legendSwatch} ${colourOf(m.n)}`}
                aria-hidden="true"
              />
            ))}
            <span className={styles.legendNumber}>{numbers}</span> {entry.who ?? peer}
            {entry.who !== undefined && <span className={styles.legendAddress}> {peer}</span>}
          </span>
        );
      })}
      {/* Only a server has a listening socket; a client's connections are all numbered. */}
      {timeline.states.get(endpoint)?.some((change) => change.to === 'LISTEN') === true && (
        <span className={styles.legendEntry}>unnumbered: the listening socket</span>
      )}
    </p>
  ));
}
