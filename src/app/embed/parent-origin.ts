/**
 * Where the lab posts its events. A parent's origin is known from document.referrer (browsers
 * send the embedding page's origin by default) or from the allow-list; the lab then posts to that
 * origin only. When neither tells it, it posts to '*': its events carry no secrets (only what the
 * diagram shows), so any page that embeds it may read them. A known parent outside the allow-list
 * hears nothing.
 */
export function parentOrigin(
  referrer: string,
  allowList: readonly string[] | undefined,
): string | null {
  let origin: string | undefined;
  try {
    const parsed = referrer ? new URL(referrer).origin : undefined;
    origin = parsed && parsed !== 'null' ? parsed : undefined;
  } catch {
    origin = undefined;
  }
  if (!allowList || allowList.length === 0) return origin ?? '*';
  if (origin !== undefined) return allowList.includes(origin) ? origin : null;
  return allowList.length === 1 ? (allowList[0] as string) : '*';
}
