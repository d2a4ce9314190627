import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TcpState } from '../../engine';
import { BOXES, TRANSITIONS, transitionFor, VIEW_W } from './figure5';
import { MIN_FIT_WIDTH, MIN_LABEL_PX, SMALLEST_LABEL } from './readable-size';
import { StateMachine } from './StateMachine';

const ALL_STATES: TcpState[] = [
  'CLOSED',
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
];

describe('Figure 5 as data (RFC 9293 §3.3.2)', () => {
  it('draws all eleven states', () => {
    expect(new Set(BOXES.map((b) => b.state))).toEqual(new Set(ALL_STATES));
  });

  it('has the transitions of the figure, each joining two drawn boxes', () => {
    const keys = new Set(BOXES.map((b) => b.key));
    expect(TRANSITIONS).toHaveLength(20);
    for (const tr of TRANSITIONS) {
      expect(keys.has(tr.fromBox) && keys.has(tr.toBox)).toBe(true);
    }
    expect(transitionFor('SYN-SENT', 'ESTABLISHED')).toMatchObject({
      event: 'rcv SYN,ACK',
      action: 'snd ACK',
    });
    expect(transitionFor('TIME-WAIT', 'CLOSED')?.event).toBe('Timeout=2MSL');
  });

  it('leaves out what the figure leaves out (notes 2 and 3)', () => {
    expect(transitionFor('ESTABLISHED', 'CLOSED')).toBeUndefined();
    expect(transitionFor('FIN-WAIT-1', 'TIME-WAIT')).toBeUndefined();
  });
});

describe('StateMachine', () => {
  it('marks each endpoint with its name and shape, and says it in text', () => {
    const html = renderToStaticMarkup(
      <StateMachine
        machines={[
          {
            name: 'client',
            state: 'ESTABLISHED',
            last: { from: 'SYN-SENT', to: 'ESTABLISHED', cause: 'rcv SYN,ACK', t: 25 },
          },
          { name: 'server', state: 'SYN-RECEIVED' },
        ]}
      />,
    );
    expect(html).toContain('role="img"');
    expect(html).toContain('client in ESTABLISHED, server in SYN-RECEIVED');
    expect(html).toContain('● client');
    expect(html).toContain('■ server');
    expect(html).toContain('— last SYN-SENT → ESTABLISHED: rcv SYN,ACK');
  });

  it('explains a transition the figure does not draw', () => {
    const html = renderToStaticMarkup(
      <StateMachine
        machines={[
          {
            name: 'client',
            state: 'CLOSED',
            last: { from: 'ESTABLISHED', to: 'CLOSED', cause: 'rcv RST', t: 9 },
          },
        ]}
      />,
    );
    expect(html).toContain('a transition Figure 5 leaves out');
  });
});

describe('readable wherever it is put', () => {
  it('fits a phone and half a projector screen with every label at 12 px or more', () => {
    // The panel's width at 390×844 (a phone) and at 1280×720 (beside the event log).
    for (const panel of [324, 459]) {
      expect(panel).toBeGreaterThanOrEqual(MIN_FIT_WIDTH);
      expect((panel / VIEW_W) * SMALLEST_LABEL).toBeGreaterThanOrEqual(MIN_LABEL_PX);
    }
    expect((MIN_FIT_WIDTH / VIEW_W) * SMALLEST_LABEL).toBeGreaterThanOrEqual(MIN_LABEL_PX);
  });
});
