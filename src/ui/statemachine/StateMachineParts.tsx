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
  const lineHeight = 16;
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

/** Baselines from a box's centre: its name, by how many endpoints are in it. */
const nameY = (count: number) => (count === 0 ? 5 : count === 1 ? -5 : -10);
/** The first endpoint's line under the name, by the same count (one line per endpoint). */
const markerY = (count: number) => (count === 1 ? 17 : 7);

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
              y={box.y + nameY(here.length)}
              textAnchor="middle"
              className={styles.stateName}
            >
              {box.label}
            </text>
            {occupied && (
              // One line per endpoint in the box: side by side they would not fit its width.
              <text textAnchor="middle" className={styles.markers}>
                {here.map((m, i) => (
                  <tspan
                    key={m.name}
                    x={box.x}
                    y={box.y + markerY(here.length) + i * 15}
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
