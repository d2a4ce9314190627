/**
 * The top of each lifeline: the endpoint's name, its address:port, and its state badge, placed
 * right above the line it heads.
 */
import { useId, useMemo } from 'react';
import { formatEndpoint, ipFamily } from '../../engine';
import type { EndpointInfo, LabState } from '../../store';
import { headStateAt, queuesMatter, useLab } from '../../store';
import { StateBadge } from '../badges/StateBadge';
import type { Geometry } from './geometry';
import styles from './SequenceDiagram.module.css';
import { keepsNoTcpState } from '../format/stateless-endpoint';
import { QueueGauges } from './QueueGauges';
import { crowdedShortNames } from './lane-names';
import { headNameWidth } from './head-name-width';
import { headAddressWidth, headNamePx, zoomColumnPx } from './head-metrics';

const selectTimeline = (s: LabState) => s.timeline;
const selectLarge = (s: LabState) => s.largeType || s.presenting;

function capitalized(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** A selector for the state one endpoint's badge shows at the cursor (not its probes'). */
const stateOf = (name: string) => (s: LabState) => headStateAt(s.timeline, name, s.cursor);

function LifelineHead({
  endpoint,
  x,
  room,
  compact,
  queues,
  short,
}: {
  endpoint: EndpointInfo;
  /**
   * The head's short name ("c2") when the lanes have no room for whole names; the address then
   * stays in the title, with the whole name, read by assistive technology and listed in the
   * heads' key while the heads have the keyboard's focus.
   */
  short: string | undefined;
  x: number;
  /** The widest the head may be without reaching a neighbour's or the edge (px). */
  room: number;
  compact: boolean;
  /** The run's lifelines, when this endpoint's listen queues are drawn under its head. */
  queues: readonly EndpointInfo[] | undefined;
}) {
  const selectState = useMemo(() => stateOf(endpoint.name), [endpoint.name]);
  const state = useLab(selectState);
  const spoofed = keepsNoTcpState(endpoint.profile);
  const whole = `${endpoint.name} ${formatEndpoint(endpoint.address, endpoint.port)}`;
  return (
    // No wider than its lane: between many close lanes (a phone, a load balancer's six) a name,
    // an address or a state ends in an ellipsis rather than running into its neighbour's; the
    // title and the badge's accessible text keep it whole.
    <div
      className={`${styles.head} ${short === undefined ? '' : styles.shortHead}`}
      style={{ left: `${x}px`, maxWidth: `${room}px` }}
      title={whole}
    >
      {short === undefined ? (
        <span className={styles.headName}>{endpoint.name}</span>
      ) : (
        <span className={styles.headName}>
          <span aria-hidden="true">{short}</span>
          <span className="visually-hidden">{whole}</span>
        </span>
      )}
      {short === undefined ? (
        <span className={styles.headAddress}>
          {/* An IPv6 address in brackets, so the port's colon is not read as one of its own. */}
          <span>
            {ipFamily(endpoint.address) === 6 ? `[${endpoint.address}]` : endpoint.address}
          </span>
          <span>:{endpoint.port}</span>
        </span>
      ) : (
        // Lanes of one network differ in the address's last part: ".3" tells them apart.
        <span className={styles.headAddress} aria-hidden="true">
          {hostPart(endpoint.address)}
        </span>
      )}
      {!spoofed && (
        <StateBadge
          label={`${capitalized(endpoint.name)} state`}
          state={state}
          size={compact ? 'compact' : 'normal'}
        />
      )}
      {queues && <QueueGauges endpoint={endpoint.name} endpoints={queues} />}
    </div>
  );
}

/** The last part of an address, ".3" of 10.0.0.3 or ":2" of 2001:db8::2. */
function hostPart(address: string): string {
  const v6 = ipFamily(address) === 6;
  const separator = v6 ? ':' : '.';
  return `${separator}${address.slice(address.lastIndexOf(separator) + 1)}`;
}

/** Below this distance between two lifelines a full head (address:port, state badge) overlaps the next. */
const TIGHT_GAP_PX = 150;

function closestGap(xs: readonly number[]): number {
  let gap = Infinity;
  for (let i = 1; i < xs.length; i++) gap = Math.min(gap, (xs[i] ?? 0) - (xs[i - 1] ?? 0));
  return gap;
}

export function LifelineHeads({
  endpoints,
  g,
}: {
  endpoints: readonly EndpointInfo[];
  g: Geometry;
}) {
  const timeline = useLab(selectTimeline);
  const large = useLab(selectLarge);
  const zoomColumn = zoomColumnPx(large);
  const withQueues = endpoints.map((e) => queuesMatter(timeline, e.name));
  // Lifelines closer than a full head is wide (five or six lanes, as a load balancer's run has,
  // on a projector) take the phone's compact heads.
  const tight = g.compact || closestGap(g.lifelineX) < TIGHT_GAP_PX;
  // Whole names that do not fit their lanes give way to short ones ("c1" … "c4"), with their
  // siblings, so the heads stay distinct where they would all end "c…".
  const fontPx = headNamePx(large);
  const shortNames = crowdedShortNames(
    endpoints.map((e) => e.name),
    (i) => headNameWidth(endpoints[i]?.name ?? '', fontPx) <= headRoom(g, i, zoomColumn),
  );
  // Six lanes in a 320 px embed stand some 20 px apart: even "c1" then takes a smaller type,
  // and the address's last part (the title keeps it) gives the name its room.
  const tinyNames = endpoints.some(
    (e, i) => headNameWidth(shortNames.get(e.name) ?? e.name, fontPx) > headRoom(g, i, zoomColumn),
  );
  // Three lifelines on a phone stand closer than an address is wide, an IPv6 address is wider
  // than two lifelines' half-spacing, and in a 320 px embed "10.0.0.1:49152" is wider than its
  // lane: the port goes under the address, which stays whole.
  const addressCut = endpoints.some(
    (e, i) =>
      !shortNames.has(e.name) &&
      headAddressWidth(formatEndpoint(e.address, e.port), large) > headRoom(g, i, zoomColumn),
  );
  const classes = [
    styles.heads,
    tight &&
    (endpoints.length > 2 || addressCut || endpoints.some((e) => ipFamily(e.address) === 6))
      ? styles.crowded
      : '',
    withQueues.some(Boolean) ? styles.withQueues : '',
    tinyNames ? styles.tinyNames : '',
  ];
  const keyId = useId();
  const shortened = endpoints.filter((e) => shortNames.has(e.name));
  // Short heads are one tab stop together, not one each (six more on a phone): the focus shows
  // the key of every short name under the heads, and announces it as their description.
  const keyed = shortened.length > 0;
  return (
    <div
      className={classes.join(' ')}
      role={keyed ? 'group' : undefined}
      aria-label={keyed ? 'Lifelines' : undefined}
      aria-describedby={keyed ? keyId : undefined}
      tabIndex={keyed ? 0 : undefined}
    >
      {endpoints.map((endpoint, i) => (
        <LifelineHead
          key={endpoint.name}
          endpoint={endpoint}
          x={g.lifelineX[i] ?? 0}
          room={headRoom(g, i, zoomColumn)}
          compact={tight}
          queues={withQueues[i] ? endpoints : undefined}
          short={shortNames.get(endpoint.name)}
        />
      ))}
      {keyed && (
        // Each head's own text already holds its whole name for a screen reader's reading.
        <p id={keyId} className={styles.headKey} aria-hidden="true">
          {shortened.map((e) => (
            <span key={e.name}>
              <b>{shortNames.get(e.name)}</b> {e.name} {formatEndpoint(e.address, e.port)}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

/**
 * Room for a head centred on lifeline `i`: twice the distance to the nearer of its
 * neighbours' midpoints and the diagram's edges, less a gap. A name, address or state wider
 * than that (a long IPv6 address, six lanes on a phone) ends in an ellipsis, and the head's title
 * holds it whole.
 */
function headRoom(g: Geometry, i: number, zoomColumn: number): number {
  const x = g.lifelineX[i] ?? 0;
  const left = i > 0 ? (x - (g.lifelineX[i - 1] ?? 0)) / 2 : x;
  // The last head stops short of the zoom buttons in the corner: a spoofed source's lane
  // (syn-flood) stands close to the edge, and its address, long over IPv6, ran under them.
  const right =
    i < g.lifelineX.length - 1
      ? ((g.lifelineX[i + 1] ?? g.width) - x) / 2
      : g.width - zoomColumn - x;
  return Math.max(16, 2 * Math.min(left, right) - 6);
}
