/** The notes naming each link parameter the page ignored, so a bad link never fails silently. */
import { shownNotes } from './url/link-notes';

export function LinkNotes({
  notes,
  className,
}: {
  notes: readonly string[];
  className?: string | undefined;
}) {
  if (notes.length === 0) return null;
  return (
    <ul className={className} aria-label="Ignored link parameters">
      {shownNotes(notes).map((note, i) => (
        <li key={i}>{note}</li>
      ))}
    </ul>
  );
}
