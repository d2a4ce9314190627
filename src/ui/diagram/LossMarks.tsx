/**
 * The loss marks: each ✕ where a segment stopped and its words ("lost ×2", "dropped: SYN queue
 * full") on an opaque box. They are drawn in one layer above every arrow and the notes beside
 * the lifelines (and below the labels, which the layout keeps clear of them), so a later arrow or
 * a timer bar never strikes the words through. Clicks pass through to the arrow under a mark.
 * Hidden from assistive technology, as they were inside the arrow's named button: the event log
 * and the narration say in words that a segment was lost, and why.
 */
import { lossLines, type LossMark } from './marks-layout';
import styles from './SequenceDiagram.module.css';
import { textWidth } from './geometry';

export interface LossMarkToDraw {
  /** The key of the arrow it is drawn for: the first of its group lost by the cursor. */
  readonly key: string;
  readonly mark: LossMark;
  /** How many lost segments it stands for by the cursor ("lost ×3"). */
  readonly count: number;
}

export function LossMarks({
  marks,
  fontSize,
}: {
  marks: readonly LossMarkToDraw[];
  fontSize: number;
}) {
  return (
    <g className={styles.lossMarks} aria-hidden="true">
      {marks.map(({ key, mark, count }) => (
        <LossMarkDrawing
          key={key}
          arrowKey={key}
          mark={mark}
          words={count > 1 ? `${mark.text} ×${count}` : mark.text}
          fontSize={fontSize}
        />
      ))}
    </g>
  );
}

/** A loss mark: the ✕ where the segment stopped and its words on an opaque box beside it. */
function LossMarkDrawing({
  arrowKey,
  mark,
  words,
  fontSize,
}: {
  arrowKey: string;
  mark: LossMark;
  words: string;
  fontSize: number;
}) {
  const { cross, anchor } = mark;
  const half = cross.width / 2;
  const lines = lossLines(words, mark.wrapped);
  const width = textWidth(Math.max(...lines.map((line) => line.trim().length)), fontSize) + 6;
  const box = mark.words;
  const left =
    anchor === 'middle'
      ? box.x - width / 2
      : anchor === 'end'
        ? box.x + box.width / 2 - width
        : box.x - box.width / 2;
  return (
    <g className={styles.lost} data-mark="loss" data-loss-for={arrowKey}>
      {cross.width > 0 && (
        <path
          d={`M ${cross.x - half} ${cross.y - half} L ${cross.x + half} ${cross.y + half} M ${cross.x + half} ${cross.y - half} L ${cross.x - half} ${cross.y + half}`}
        />
      )}
      {/* Opaque, as a label's box is: the playhead's line passes beneath the words. */}
      {mark.text !== '' && (
        <rect x={left} y={box.y - box.height / 2} width={width} height={box.height} rx={3} />
      )}
      {mark.text !== '' &&
        lines.map((line, i) => (
          <text
            key={i}
            x={left + width / 2}
            y={box.y + fontSize * 0.3 + (i - (lines.length - 1) / 2) * fontSize * 1.2}
            textAnchor="middle"
          >
            {line}
          </text>
        ))}
    </g>
  );
}
