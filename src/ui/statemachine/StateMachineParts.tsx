/** The SVG pieces of the state diagram: one transition arrow with its label, and the boxes. */
import { BOX_H, BOX_W, type StateBox, type Transition } from './figure5';
import type { EndpointMachine } from './states-at';
import { endpointShape, endpointTone } from './endpoint-marks';
import styles from './StateMachine.module.css';

export function TransitionArrow({
  transition: tr,
  takenBy,
  markerPrefix,
}: {
  transition: Transition;
  takenBy: readonly string[];
  markerPrefix: string;
}) {
  // Taken: drawn thick in the endpoint's tone with a bold label (width and weight, not only
  // colour); who took it is written in the status list above the figure.
  const tone = takenBy[0] === undefined ? 'plain' : endpointTone(takenBy[0]);
  const taken = takenBy.length > 0;
  const lineHeight = 17;
  return (
    <g className={taken ? styles.taken : undefined}>
      <path
        d={tr.path}
        className={`${styles.edge} ${styles[`edge_${tone}`]}`}
        markerEnd={`url(#${markerPrefix}${tone})`}
      />
      <text x={tr.label.x} y={tr.label.y} textAnchor={tr.label.anchor} className={styles.edgeLabel}>
        <tspan x={tr.label.x}>{tr.event}</tspan>
        {tr.action && (
          <tspan x={tr.label.x} dy={lineHeight} className={styles.action}>
            {tr.action}
          </tspan>
        )}
      </text>
    </g>
  );
}

export function StateBoxes({
  boxes,
  occupants,
}: {
  boxes: readonly StateBox[];
  occupants: ReadonlyMap<string, readonly EndpointMachine[]>;
}) {
  return (
    <>
      {boxes.map((box) => {
        const here = occupants.get(box.key) ?? [];
        const occupied = here.length > 0;
        return (
          <g key={box.key} className={occupied ? styles.occupied : undefined}>
            <rect
              x={box.x - BOX_W / 2}
              y={box.y - BOX_H / 2}
              width={BOX_W}
              height={BOX_H}
              rx={8}
              className={styles.box}
            />
            <text
              x={box.x}
              y={occupied ? box.y - 5 : box.y + 6}
              textAnchor="middle"
              className={styles.stateName}
            >
              {box.label}
            </text>
            {occupied && (
              <text x={box.x} y={box.y + 19} textAnchor="middle" className={styles.markers}>
                {here.map((m, i) => (
                  <tspan
                    key={m.name}
                    dx={i === 0 ? 0 : 10}
                    className={styles[`marker_${endpointTone(m.name)}`]}
                  >
                    {endpointShape(m.name)} {m.name}
                  </tspan>
                ))}
              </text>
            )}
          </g>
        );
      })}
    </>
  );
}
