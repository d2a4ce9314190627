/** The notes naming each link parameter the page ignored, so a bad link never fails silently. */
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
      {notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}
