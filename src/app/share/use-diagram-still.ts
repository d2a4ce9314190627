/**
 * The still of the diagram as downloadable files: an SVG made at once and a PNG drawn from it,
 * both as object URLs released when the dialog closes.
 */
import { useEffect, useState } from 'react';
import { diagramStill, stillToPng } from './export-diagram';

export interface StillFiles {
  svgUrl: string | null;
  pngUrl: string | null;
  error: string | null;
}

export function useDiagramStill(figure: HTMLElement | null, title: string): StillFiles {
  // Object URLs of files made in the browser: interface state, not protocol facts.
  const [files, setFiles] = useState<StillFiles>({ svgUrl: null, pngUrl: null, error: null });
  useEffect(() => {
    if (!figure) return;
    let cancelled = false;
    const urls: string[] = [];
    const keep = (blob: Blob) => {
      const url = URL.createObjectURL(blob);
      urls.push(url);
      return url;
    };
    // Measured after the dialog has opened (a microtask later), so the still and the links
    // describe the same paused moment.
    const made = Promise.resolve().then(() => {
      const still = diagramStill(figure, title);
      const svgUrl = keep(new Blob([still.svg], { type: 'image/svg+xml' }));
      if (!cancelled) setFiles({ svgUrl, pngUrl: null, error: null });
      return stillToPng(still).then(
        (png) => !cancelled && setFiles({ svgUrl, pngUrl: keep(png), error: null }),
        (error: unknown) =>
          !cancelled && setFiles({ svgUrl, pngUrl: null, error: `No PNG: ${String(error)}` }),
      );
    });
    made.catch(
      (error: unknown) =>
        !cancelled && setFiles({ svgUrl: null, pngUrl: null, error: `No still: ${String(error)}` }),
    );
    return () => {
      cancelled = true;
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, [figure, title]);
  return files;
}
