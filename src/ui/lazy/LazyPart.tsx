/**
 * A part of the page whose code loads after the first view (React.lazy): its fallback shows
 * while the code loads, and if the code cannot be fetched the part says so in one sentence
 * (LoadFailure) while the rest of the lab keeps working. Every lazy part goes through here, so
 * no lost file can blank the page.
 */
import { Suspense, type ReactNode } from 'react';
import { LoadFailure } from './LoadFailure';

export function LazyPart({
  what,
  fallback = null,
  children,
}: {
  /** What the part is, as the failure sentence names it: "the event log". */
  what: string;
  /** What stands in its place while its code loads. */
  fallback?: ReactNode;
  children: ReactNode;
}) {
  return (
    <LoadFailure what={what}>
      <Suspense fallback={fallback}>{children}</Suspense>
    </LoadFailure>
  );
}
