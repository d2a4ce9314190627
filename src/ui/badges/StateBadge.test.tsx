import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StateBadge } from './StateBadge';

describe('StateBadge', () => {
  it('is a named status whose text is the RFC state, before any animation code has loaded', () => {
    const html = renderToStaticMarkup(<StateBadge label="Client state" state="ESTABLISHED" />);
    expect(html).toMatch(/<span role="status" aria-label="Client state"[^>]*>/);
    expect(html).toContain('>ESTABLISHED</span>');
    expect(html).toContain('data-phase="established"');
  });

  it('says the phase by shape as well as colour', () => {
    const opening = renderToStaticMarkup(<StateBadge label="Server state" state="SYN-RECEIVED" />);
    const closing = renderToStaticMarkup(<StateBadge label="Server state" state="FIN-WAIT-1" />);
    expect(opening).toContain('data-phase="opening"');
    expect(closing).toContain('data-phase="closing"');
    expect(opening.match(/<svg[\s\S]*<\/svg>/)?.[0]).not.toBe(
      closing.match(/<svg[\s\S]*<\/svg>/)?.[0],
    );
  });
});
