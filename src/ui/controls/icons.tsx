/** Transport icons drawn in SVG (symbol fonts differ between machines; shapes do not). */
const PATHS = {
  start: 'M4 3h2v14H4z M17 3v14L7 10z',
  previous: 'M15 3v14L5 10z',
  play: 'M6 3v14l11-7z',
  pause: 'M5 3h4v14H5z M11 3h4v14h-4z',
  next: 'M5 3v14l10-7z',
  stepPrevious: 'M10 6v8l-5-4z M16 6v8l-5-4z',
  stepNext: 'M4 6v8l5-4z M10 6v8l5-4z',
  end: 'M14 3h2v14h-2z M3 3v14l10-7z',
  undo: 'M8 4L3 8.5 8 13V10c4 0 6.5 1 8 4.5C15.5 9 12.5 7 8 7z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg width="16" height="16" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
