/**
 * RFC 9293 Figure 5, "TCP Connection State Diagram", as data: the eleven states placed as the
 * RFC places them (CLOSED drawn twice, top and bottom right, as in the figure) and the twenty
 * transitions with their event / action labels and hand-routed paths. Coordinates are in the
 * SVG's 1000 × 1000 user space; boxes are BOX_W × BOX_H around their centres.
 */
import type { TcpState } from '../../engine/types';

export const VIEW_W = 1000;
export const VIEW_H = 1000;
export const BOX_W = 160;
export const BOX_H = 56;

export interface StateBox {
  /** Unique per box: the state, or 'CLOSED-END' for the figure's second CLOSED box. */
  readonly key: string;
  readonly state: TcpState;
  /** As the figure abbreviates it ("SYN RCVD", "ESTAB"); the full name is the state. */
  readonly label: string;
  readonly x: number;
  readonly y: number;
}

export const BOXES: readonly StateBox[] = [
  { key: 'CLOSED', state: 'CLOSED', label: 'CLOSED', x: 500, y: 80 },
  { key: 'LISTEN', state: 'LISTEN', label: 'LISTEN', x: 500, y: 220 },
  { key: 'SYN-RECEIVED', state: 'SYN-RECEIVED', label: 'SYN-RECEIVED', x: 150, y: 370 },
  { key: 'SYN-SENT', state: 'SYN-SENT', label: 'SYN-SENT', x: 850, y: 370 },
  { key: 'ESTABLISHED', state: 'ESTABLISHED', label: 'ESTABLISHED', x: 500, y: 510 },
  { key: 'FIN-WAIT-1', state: 'FIN-WAIT-1', label: 'FIN-WAIT-1', x: 150, y: 650 },
  { key: 'CLOSE-WAIT', state: 'CLOSE-WAIT', label: 'CLOSE-WAIT', x: 850, y: 650 },
  { key: 'FIN-WAIT-2', state: 'FIN-WAIT-2', label: 'FIN-WAIT-2', x: 150, y: 800 },
  { key: 'CLOSING', state: 'CLOSING', label: 'CLOSING', x: 500, y: 800 },
  { key: 'LAST-ACK', state: 'LAST-ACK', label: 'LAST-ACK', x: 850, y: 800 },
  { key: 'TIME-WAIT', state: 'TIME-WAIT', label: 'TIME-WAIT', x: 500, y: 940 },
  { key: 'CLOSED-END', state: 'CLOSED', label: 'CLOSED', x: 850, y: 940 },
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
  /** Where the two label lines go, and how they are anchored. */
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
  t('CLOSED', 'LISTEN', 'passive OPEN', 'create TCB', 'M 480 108 V 192', {
    x: 470,
    y: 145,
    anchor: 'end',
  }),
  t('LISTEN', 'CLOSED', 'CLOSE', 'delete TCB', 'M 520 192 V 108', {
    x: 530,
    y: 145,
    anchor: 'start',
  }),
  t('CLOSED', 'SYN-SENT', 'active OPEN', 'create TCB, snd SYN', 'M 580 66 H 880 V 342', {
    x: 730,
    y: 40,
    anchor: 'middle',
  }),
  t('SYN-SENT', 'CLOSED', 'CLOSE', 'delete TCB', 'M 830 342 V 94 H 580', {
    x: 705,
    y: 118,
    anchor: 'middle',
  }),
  t('LISTEN', 'SYN-RECEIVED', 'rcv SYN', 'snd SYN,ACK', 'M 420 206 H 120 V 342', {
    x: 270,
    y: 180,
    anchor: 'middle',
  }),
  t('LISTEN', 'SYN-SENT', 'SEND', 'snd SYN', 'M 580 220 H 790 V 342', {
    x: 685,
    y: 194,
    anchor: 'middle',
  }),
  t('SYN-SENT', 'SYN-RECEIVED', 'rcv SYN', 'snd SYN,ACK', 'M 770 380 H 230', {
    x: 500,
    y: 343,
    anchor: 'middle',
  }),
  t('SYN-RECEIVED', 'LISTEN', 'rcv RST (note 1)', '', 'M 180 342 V 236 H 420', {
    x: 300,
    y: 258,
    anchor: 'middle',
  }),
  t('SYN-RECEIVED', 'ESTABLISHED', 'rcv ACK of SYN', 'x', 'M 210 398 V 500 H 420', {
    x: 315,
    y: 472,
    anchor: 'middle',
  }),
  t('SYN-SENT', 'ESTABLISHED', 'rcv SYN,ACK', 'snd ACK', 'M 790 398 V 500 H 580', {
    x: 685,
    y: 472,
    anchor: 'middle',
  }),
  t('SYN-RECEIVED', 'FIN-WAIT-1', 'CLOSE', 'snd FIN', 'M 100 398 V 622', {
    x: 110,
    y: 560,
    anchor: 'start',
  }),
  t('ESTABLISHED', 'FIN-WAIT-1', 'CLOSE', 'snd FIN', 'M 460 538 V 636 H 230', {
    x: 345,
    y: 610,
    anchor: 'middle',
  }),
  t('ESTABLISHED', 'CLOSE-WAIT', 'rcv FIN', 'snd ACK', 'M 540 538 V 636 H 770', {
    x: 655,
    y: 610,
    anchor: 'middle',
  }),
  t('FIN-WAIT-1', 'FIN-WAIT-2', 'rcv ACK of FIN', 'x', 'M 150 678 V 772', {
    x: 160,
    y: 735,
    anchor: 'start',
  }),
  t('FIN-WAIT-1', 'CLOSING', 'rcv FIN', 'snd ACK', 'M 230 664 H 470 V 772', {
    x: 370,
    y: 690,
    anchor: 'middle',
  }),
  t('CLOSE-WAIT', 'LAST-ACK', 'CLOSE', 'snd FIN', 'M 850 678 V 772', {
    x: 860,
    y: 735,
    anchor: 'start',
  }),
  t('FIN-WAIT-2', 'TIME-WAIT', 'rcv FIN', 'snd ACK', 'M 150 828 V 940 H 420', {
    x: 160,
    y: 880,
    anchor: 'start',
  }),
  t('CLOSING', 'TIME-WAIT', 'rcv ACK of FIN', 'x', 'M 500 828 V 912', {
    x: 510,
    y: 865,
    anchor: 'start',
  }),
  t(
    'LAST-ACK',
    'CLOSED',
    'rcv ACK of FIN',
    'x',
    'M 850 828 V 912',
    { x: 860, y: 865, anchor: 'start' },
    { toBox: 'CLOSED-END' },
  ),
  t(
    'TIME-WAIT',
    'CLOSED',
    'Timeout=2MSL',
    'delete TCB',
    'M 580 940 H 770',
    { x: 675, y: 910, anchor: 'middle' },
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
