/**
 * The sizes of the lifeline heads' row that their layout computes with, declared once: the
 * diagram sets them on its figure as CSS custom properties (SequenceDiagram.module.css reads
 * `--head-name-size`, `--zoom-button` and `--zoom-inset`), and LifelineHeads measures names and
 * keeps heads clear of the zoom buttons with the same numbers. Large type (Text size: Large, or
 * presentation mode) takes the larger set.
 */
import type { CSSProperties } from 'react';

interface HeadMetrics {
  /** A head's name (rem). */
  readonly nameRem: number;
  /** A head's address:port, in the monospace font (rem). */
  readonly addressRem: number;
  /** Each zoom button's width and height (rem). */
  readonly zoomButtonRem: number;
}

const METRICS: Record<'normal' | 'large', HeadMetrics> = {
  normal: { nameRem: 0.95, addressRem: 0.8, zoomButtonRem: 2 },
  large: { nameRem: 1.35, addressRem: 1.05, zoomButtonRem: 2.6 },
};

/** The zoom buttons' distance from the heads' top-right corner (rem). */
const ZOOM_INSET_REM = 0.25;
/** The gap kept between the last head and the zoom buttons' column (px). */
const ZOOM_GAP_PX = 2;

let rootPx: number | undefined;
/** The root font size the rems are of, read once (16 where there is no document). */
function remPx(): number {
  rootPx ??=
    typeof document === 'undefined'
      ? 16
      : parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  return rootPx;
}

const metricsOf = (large: boolean) => METRICS[large ? 'large' : 'normal'];

/** The custom properties the figure carries for its CSS. */
export function headMetricsStyle(large: boolean): CSSProperties {
  const m = metricsOf(large);
  return {
    '--head-name-size': `${m.nameRem}rem`,
    '--head-address-size': `${m.addressRem}rem`,
    '--zoom-button': `${m.zoomButtonRem}rem`,
    '--zoom-inset': `${ZOOM_INSET_REM}rem`,
  } as CSSProperties;
}

/** A head's name size (px), to measure names with. */
export function headNamePx(large: boolean): number {
  return metricsOf(large).nameRem * remPx();
}

/**
 * How wide an address:port is drawn on one line (px): the monospace font's glyphs are 0.6 em
 * wide (DejaVu Sans Mono, Menlo and Consolas alike), with a little to spare.
 */
export function headAddressWidth(text: string, large: boolean): number {
  return text.length * 0.61 * metricsOf(large).addressRem * remPx();
}

/** The zoom buttons' column at the heads' right edge, with a small gap (px). */
export function zoomColumnPx(large: boolean): number {
  return (metricsOf(large).zoomButtonRem + ZOOM_INSET_REM) * remPx() + ZOOM_GAP_PX;
}
