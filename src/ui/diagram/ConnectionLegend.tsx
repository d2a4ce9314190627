/**
 * The legend of a lifeline that runs several connections (a listener and its children): each
 * child's number and colour, as its notes and timer bars carry them, with whom it is; notes with
 * no number belong to the listening socket itself. Children with unnamed peers of one network
 * (a flood's spoofed sources) share one entry, "1–4 198.51.100.1–4:1024", so the legend stays a
 * line or two on a phone. A load balancer's health-check probes are one entry of their own,
 * "2, 3 health checks", not clients: only a balancer probes a backend.
 *
 * The legend tells the run up to the playhead: a connection is listed once it has shown on its
 * lane. The entries still to come keep their room, unseen (and unread by assistive technology),
 * so the diagram below does not jump each time one appears.
 *
 * In a narrow diagram (a phone, an embed) the legends fold into one disclosure, "Connections",
 * closed at first: a load balancer's two backends' legends would take five lines of a phone's
 * diagram. Closed, its summary line keeps the entry of the connection the run is busy with at
 * the playhead in view ("server-2: 5 client-3"), so the number on the notes still says whom.
 */
import { useState, type ReactNode } from 'react';
import type { ChildConnection, LabState, Timeline } from '../../store';
import { connectionsOf, currentConnection, useLab } from '../../store';
import { CONNECTION_COLOURS, connectionNumbers } from './lane-notes';
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

/** The address of an address:port. */
const hostOf = (peer: string) => peer.slice(0, peer.lastIndexOf(':'));

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
  // A named host's further ports (a browser's several connections from one client) are its own.
  const hosts = new Map<string, string>();
  for (const [peer, name] of named) hosts.set(hostOf(peer), name);
  return (peer) =>
    named.get(peer) ??
    hosts.get(hostOf(peer)) ??
    (spoofed.has(networkOf(peer)) ? 'spoofed' : undefined);
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

/** How many of the run's numbered connections have shown by the cursor (grows with it). */
function shownCount(s: LabState): number {
  let shown = 0;
  for (const list of connectionsOf(s.timeline).children.values()) {
    for (const c of list) if (c.firstIndex <= s.cursor) shown++;
  }
  return shown;
}

export function ConnectionLegend({
  timeline,
  compact,
}: {
  timeline: Timeline;
  /** A narrow diagram: the legends fold into a disclosure that starts closed. */
  compact: boolean;
}) {
  const { children } = connectionsOf(timeline);
  // The count alone decides what shows (connections show in index order), so the legend renders
  // again only when one appears, not at every step.
  const shown = useLab(shownCount);
  if (children.size === 0) return null;
  const who = whoOf(timeline);
  const ordered = [...children.values()].flat().sort((a, b) => a.firstIndex - b.firstIndex);
  const cutoff = ordered[shown - 1]?.firstIndex ?? -1;
  const seen = (c: ChildConnection) => c.firstIndex <= cutoff;
  const legends = [...children].map(([endpoint, list]) => {
    const probes = list.filter((c) => c.probe);
    const clients = list.filter((c) => !c.probe);
    const seenProbes = probes.filter(seen);
    return (
      <p key={endpoint} className={styles.legend} aria-label={`${endpoint}'s connections`}>
        <span className={styles.legendTitle}>{endpoint}&apos;s connections:</span>
        {/* Only a server has a listening socket; a client's connections are all numbered. */}
        {timeline.states.get(endpoint)?.some((change) => change.to === 'LISTEN') === true && (
          <span className={styles.legendEntry}>unnumbered: the listening socket</span>
        )}
        {probes.length > 0 && (
          <LegendEntry
            members={seenProbes.length > 0 ? seenProbes : probes}
            hidden={seenProbes.length === 0}
            text="health checks"
            address={undefined}
          />
        )}
        {entries(clients, who).map((entry) => {
          const visible = entry.members.filter(seen);
          const members = visible.length > 0 ? visible : entry.members;
          const peer = members.length > 1 ? peersOf(members) : members[0]?.peer;
          return (
            <LegendEntry
              key={entry.key}
              members={members}
              hidden={visible.length === 0}
              text={entry.who ?? peer ?? ''}
              address={entry.who !== undefined ? peer : undefined}
            />
          );
        })}
      </p>
    );
  });
  if (!compact) return legends;
  return <LegendDisclosure timeline={timeline}>{legends}</LegendDisclosure>;
}

/** The legends folded under "Connections"; closed, the busy connection's entry stays in view. */
function LegendDisclosure({ timeline, children }: { timeline: Timeline; children: ReactNode }) {
  // Whether the reader opened it: a choice about the page, not a fact of the run.
  const [open, setOpen] = useState(false);
  const current = useLab((s) => currentConnection(s.timeline, s.cursor));
  const endpoint =
    current === undefined
      ? undefined
      : [...connectionsOf(timeline).children].find(([, list]) => list.includes(current))?.[0];
  return (
    <details
      className={styles.legendDisclosure}
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary className={styles.legendSummary}>
        <span className={styles.legendTitle}>Connections</span>
        {!open && current !== undefined && endpoint !== undefined && (
          <>
            {' '}
            <span className={styles.legendEndpoint}>{endpoint}:</span>{' '}
            <LegendEntry
              members={[current]}
              hidden={false}
              text={whoOf(timeline)(current.peer) ?? current.peer}
              address={undefined}
            />
          </>
        )}
      </summary>
      {children}
    </details>
  );
}

function LegendEntry({
  members,
  hidden,
  text,
  address,
}: {
  members: readonly ChildConnection[];
  /** Not shown yet at the playhead: keeps its room, unseen. */
  hidden: boolean;
  text: string;
  address: string | undefined;
}) {
  return (
    <span
      className={`${styles.legendEntry} ${hidden ? styles.legendToCome : ''}`}
      aria-hidden={hidden ? true : undefined}
    >
      {members.map((m) => (
        <span key={m.n} className={`${styles.legendSwatch} ${colourOf(m.n)}`} aria-hidden="true" />
      ))}
      <span className={styles.legendNumber}>{connectionNumbers(members.map((m) => m.n))}</span>{' '}
      {text}
      {address !== undefined && <span className={styles.legendAddress}> {address}</span>}
    </span>
  );
}
