/**
 * The connection state diagram of RFC 9293 Figure 5, drawn by the app in SVG: all eleven
 * states and the twenty transitions with their event / action labels. Each endpoint's current
 * state carries a marker with its name and a shape (● client, ■ server), and its last
 * transition is drawn thick in its colour. The same facts are written below the figure, and
 * every transition of the figure is listed as text. The figure is fitted to its panel's width,
 * drawn narrow and tall so its labels stay readable there (readable-size.ts).
 */
import { useId } from 'react';
import styles from './StateMachine.module.css';
import { BOXES, boxFor, transitionFor, TRANSITIONS, VIEW_H, VIEW_W } from './figure5';
import { endpointShape, endpointTone } from './endpoint-marks';
import { MIN_FIT_WIDTH } from './readable-size';
import type { EndpointMachine } from './states-at';
import { StateBoxes, TransitionArrow } from './StateMachineParts';

export interface StateMachineProps {
  readonly machines: readonly EndpointMachine[];
  readonly headingLevel?: 2 | 3 | 4;
}

export function StateMachine({ machines, headingLevel = 2 }: StateMachineProps) {
  const Heading = `h${headingLevel}` as const;
  const titleId = useId();
  const highlighted = new Map<string, string[]>();
  for (const m of machines) {
    const tr = m.last && transitionFor(m.last.from, m.last.to);
    if (tr) highlighted.set(tr.id, [...(highlighted.get(tr.id) ?? []), m.name]);
  }
  const occupants = new Map<string, EndpointMachine[]>();
  for (const m of machines) {
    const key = boxFor(m.state, m.last?.from);
    occupants.set(key, [...(occupants.get(key) ?? []), m]);
  }
  const summary = machines.map((m) => `${m.name} in ${m.state}`).join(', ');

  return (
    <figure className={styles.machine} aria-labelledby={titleId}>
      <div className={styles.header}>
        <Heading id={titleId} className={styles.title}>
          Connection states (RFC 9293 Figure 5)
        </Heading>
      </div>
      <ul className={styles.status}>
        {machines.map((m) => (
          <li key={m.name}>
            <span className={styles[endpointTone(m.name)]} aria-hidden="true">
              {endpointShape(m.name)}
            </span>{' '}
            <strong>{m.name}</strong> is in <strong>{m.state}</strong>
            {m.last && (
              <>
                {' '}
                — last {m.last.from} → {m.last.to}: {m.last.cause}
                {!transitionFor(m.last.from, m.last.to) &&
                  ' (a transition Figure 5 leaves out, see its notes 2 and 3)'}
              </>
            )}
          </li>
        ))}
      </ul>
      <div
        className={styles.scroller}
        tabIndex={0}
        role="region"
        aria-label="State diagram, scrollable"
      >
        <svg
          viewBox={`0 0 ${VIEW_W} ${VIEW_H}`}
          className={styles.svg}
          style={{ minWidth: `${MIN_FIT_WIDTH}px` }}
          role="img"
          aria-label={`RFC 9293 Figure 5, the TCP connection state diagram${summary ? `: ${summary}` : ''}.`}
        >
          <defs>
            {(['plain', 'client', 'server', 'other'] as const).map((tone) => (
              <marker
                key={tone}
                id={`${titleId}-head-${tone}`}
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerUnits="userSpaceOnUse"
                markerWidth="14"
                markerHeight="14"
                orient="auto-start-reverse"
              >
                <path d="M 0 0 L 10 5 L 0 10 z" className={styles[`head_${tone}`]} />
              </marker>
            ))}
          </defs>
          {TRANSITIONS.map((tr) => (
            <TransitionArrow
              key={tr.id}
              transition={tr}
              takenBy={highlighted.get(tr.id) ?? []}
              markerPrefix={`${titleId}-head-`}
            />
          ))}
          <StateBoxes boxes={BOXES} occupants={occupants} />
        </svg>
      </div>
      <details className={styles.text}>
        <summary>All transitions of Figure 5 as text</summary>
        <ul>
          {TRANSITIONS.map((tr) => (
            <li key={tr.id}>
              {tr.from} → {tr.to}: {tr.event}
              {tr.action && tr.action !== 'x' ? `, ${tr.action}` : ', no action'}
            </li>
          ))}
        </ul>
      </details>
    </figure>
  );
}
