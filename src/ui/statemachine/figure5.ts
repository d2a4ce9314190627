/**
 * RFC 9293 Figure 5, "TCP Connection State Diagram", as data: the eleven states placed as the
 * RFC places them (CLOSED drawn twice, top and bottom right, as in the figure) and the twenty
 * transitions with their event / action labels and hand-routed paths. Coordinates are in the
 * SVG's VIEW_W × VIEW_H user space; boxes are BOX_W × BOX_H around their centres.
 */
import type { TcpState } from '../../engine';

export const VIEW_W = 360;
export const VIEW_H = 1150;
export const BOX_W = 112;
export const BOX_H = 56;

export interface StateBox {
  /** Unique per box: the state, or 'CLOSED-END' for the figure's second CLOSED box. */
  readonly key: string;
  readonly state: TcpState;
  /** As the figure abbreviates it where the full name is too wide ("SYN-RCVD", "ESTAB"). */
  readonly label: string;
  readonly x: number;
  readonly y: number;
}

/*
 * Three columns, as the RFC's figure has them (the passive opener and the active closer on the
 * left, the active opener and the passive closer on the right), and one row per step down the
 * connection's life. The figure is narrow and tall, so that fitted to a panel half a projector
 * wide (or a phone) its type stays large; each label has its own place between two rows.
 */
export const BOXES: readonly StateBox[] = [
  { key: 'CLOSED', state: 'CLOSED', label: 'CLOSED', x: 180, y: 80 },
  { key: 'LISTEN', state: 'LISTEN', label: 'LISTEN', x: 180, y: 260 },
  { key: 'SYN-RECEIVED', state: 'SYN-RECEIVED', label: 'SYN-RCVD', x: 62, y: 400 },
  { key: 'SYN-SENT', state: 'SYN-SENT', label: 'SYN-SENT', x: 298, y: 400 },
  { key: 'ESTABLISHED', state: 'ESTABLISHED', label: 'ESTAB', x: 180, y: 560 },
  { key: 'FIN-WAIT-1', state: 'FIN-WAIT-1', label: 'FIN-WAIT-1', x: 62, y: 720 },
  { key: 'CLOSE-WAIT', state: 'CLOSE-WAIT', label: 'CLOSE-WAIT', x: 298, y: 720 },
  { key: 'FIN-WAIT-2', state: 'FIN-WAIT-2', label: 'FIN-WAIT-2', x: 62, y: 880 },
  { key: 'CLOSING', state: 'CLOSING', label: 'CLOSING', x: 180, y: 880 },
  { key: 'LAST-ACK', state: 'LAST-ACK', label: 'LAST-ACK', x: 298, y: 880 },
  { key: 'TIME-WAIT', state: 'TIME-WAIT', label: 'TIME-WAIT', x: 180, y: 1040 },
  { key: 'CLOSED-END', state: 'CLOSED', label: 'CLOSED', x: 298, y: 1040 },
];

export interface Transition {
  readonly id: string;
  readonly from: TcpState;
  readonly to: TcpState;
  /** Box keys the arrow joins (CLOSED-END for the figure's lower CLOSED). */
  readonly fromBox: string;
  readonly toBox: string;
  /** The event above the figure's bar, the action below it ("x" = no action). */
  readonly event: string;
  readonly action: string;
  /** SVG path data, ending at the arrow head. */
  readonly path: string;
  /** Where the two label lines go (the first line's baseline), and how they are anchored. */
  readonly label: {
    readonly x: number;
    readonly y: number;
    readonly anchor: 'start' | 'middle' | 'end';
  };
}

function t(
  from: TcpState,
  to: TcpState,
  event: string,
  action: string,
  path: string,
  label: Transition['label'],
  boxes: { fromBox?: string; toBox?: string } = {},
): Transition {
  const fromBox = boxes.fromBox ?? from;
  const toBox = boxes.toBox ?? to;
  return {
    id: `${fromBox}>${toBox}:${event}`,
    from,
    to,
    fromBox,
    toBox,
    event,
    action,
    path,
    label,
  };
}

export const TRANSITIONS: readonly Transition[] = [
  t('CLOSED', 'LISTEN', 'passive OPEN', 'create TCB', 'M 160 108 V 232', {
    x: 152,
    y: 152,
    anchor: 'end',
  }),
  t('LISTEN', 'CLOSED', 'CLOSE', 'delete TCB', 'M 200 232 V 108', {
    x: 208,
    y: 140,
    anchor: 'start',
  }),
  t('CLOSED', 'SYN-SENT', 'active OPEN', 'create TCB, snd SYN', 'M 236 66 H 344 V 372', {
    x: 352,
    y: 24,
    anchor: 'end',
  }),
  t('SYN-SENT', 'CLOSED', 'CLOSE', 'delete TCB', 'M 318 372 V 94 H 236', {
    x: 310,
    y: 196,
    anchor: 'end',
  }),
  t('LISTEN', 'SYN-RECEIVED', 'rcv SYN', 'snd SYN,ACK', 'M 124 250 H 40 V 372', {
    x: 118,
    y: 222,
    anchor: 'end',
  }),
  t('LISTEN', 'SYN-SENT', 'SEND', 'snd SYN', 'M 236 260 H 262 V 372', {
    x: 254,
    y: 336,
    anchor: 'end',
  }),
  t('SYN-SENT', 'SYN-RECEIVED', 'rcv SYN', 'snd SYN,ACK', 'M 242 414 H 118', {
    x: 180,
    y: 388,
    anchor: 'middle',
  }),
  t('SYN-RECEIVED', 'LISTEN', 'rcv RST (note 1)', '', 'M 90 372 V 276 H 124', {
    x: 98,
    y: 308,
    anchor: 'start',
  }),
  t('SYN-RECEIVED', 'ESTABLISHED', 'rcv ACK of SYN', 'x', 'M 90 428 V 560 H 124', {
    x: 98,
    y: 456,
    anchor: 'start',
  }),
  t('SYN-SENT', 'ESTABLISHED', 'rcv SYN,ACK', 'snd ACK', 'M 270 428 V 560 H 236', {
    x: 262,
    y: 496,
    anchor: 'end',
  }),
  t('SYN-RECEIVED', 'FIN-WAIT-1', 'CLOSE', 'snd FIN', 'M 24 428 V 692', {
    x: 32,
    y: 620,
    anchor: 'start',
  }),
  t('ESTABLISHED', 'FIN-WAIT-1', 'CLOSE', 'snd FIN', 'M 160 588 V 706 H 118', {
    x: 152,
    y: 640,
    anchor: 'end',
  }),
  t('ESTABLISHED', 'CLOSE-WAIT', 'rcv FIN', 'snd ACK', 'M 200 588 V 706 H 242', {
    x: 208,
    y: 640,
    anchor: 'start',
  }),
  t('FIN-WAIT-1', 'FIN-WAIT-2', 'rcv ACK of FIN', 'x', 'M 62 748 V 852', {
    x: 70,
    y: 792,
    anchor: 'start',
  }),
  t('FIN-WAIT-1', 'CLOSING', 'rcv FIN', 'snd ACK', 'M 118 734 H 196 V 852', {
    x: 204,
    y: 792,
    anchor: 'start',
  }),
  t('CLOSE-WAIT', 'LAST-ACK', 'CLOSE', 'snd FIN', 'M 298 748 V 852', {
    x: 306,
    y: 792,
    anchor: 'start',
  }),
  t('FIN-WAIT-2', 'TIME-WAIT', 'rcv FIN', 'snd ACK', 'M 36 908 V 1040 H 124', {
    x: 44,
    y: 1000,
    anchor: 'start',
  }),
  t('CLOSING', 'TIME-WAIT', 'rcv ACK of FIN', 'x', 'M 180 908 V 1012', {
    x: 172,
    y: 934,
    anchor: 'end',
  }),
  t(
    'LAST-ACK',
    'CLOSED',
    'rcv ACK of FIN',
    'x',
    'M 298 908 V 1012',
    // Below its neighbour's label: drawn bold when taken, the two would touch side by side.
    { x: 290, y: 984, anchor: 'end' },
    { toBox: 'CLOSED-END' },
  ),
  t(
    'TIME-WAIT',
    'CLOSED',
    'Timeout=2MSL',
    'delete TCB',
    'M 180 1068 V 1100 H 310 V 1068',
    { x: 245, y: 1122, anchor: 'middle' },
    { toBox: 'CLOSED-END' },
  ),
];

/**
 * The figure's arrow for a state change, if the figure draws one. Several arrows can share
 * from and to (none do in Figure 5 today), so the first wins. Transitions the figure leaves
 * out (RFC 9293 §3.3.2 notes 2 and 3: resets, FIN-WAIT-1 straight to TIME-WAIT) return
 * undefined and are described in text instead.
 */
export function transitionFor(from: TcpState, to: TcpState): Transition | undefined {
  return TRANSITIONS.find((tr) => tr.from === from && tr.to === to);
}

/** The box an endpoint in `state` is drawn in: the lower CLOSED after an orderly close. */
export function boxFor(state: TcpState, arrivedFrom: TcpState | undefined): string {
  if (state === 'CLOSED' && (arrivedFrom === 'TIME-WAIT' || arrivedFrom === 'LAST-ACK')) {
    return 'CLOSED-END';
  }
  return state;
}
