/**
 * How small Figure 5 may be drawn: fitted to its panel's width, its smallest labels scale with
 * the panel, and a class at the back of the room (or anyone on a phone) must still read them.
 * The figure is drawn narrow (figure5.ts) so that half a 1280 px projector screen and a 390 px
 * phone both fit it with every label at 12 px or more; a narrower panel scrolls it sideways.
 */
import { VIEW_W } from './figure5';

/** The smallest text in the figure, in viewBox units (.edgeLabel, .markers in the CSS). */
export const SMALLEST_LABEL = 14;
/** No label may be drawn smaller than this many CSS pixels. */
export const MIN_LABEL_PX = 12;
/** The narrowest width the figure is drawn at: every label is 12 px or more there. */
export const MIN_FIT_WIDTH = Math.ceil((VIEW_W * MIN_LABEL_PX) / SMALLEST_LABEL);
