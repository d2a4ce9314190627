/**
 * "Open in Handshake Lab": the full page at the embed's view. The address is brought up to the
 * playhead's moment when the link is used, so the page opens where the embed stands.
 */
import type { LabState, LabStore, RunSource } from '../../store';
import { useLab } from '../../store';
import { urlStateOfLab } from '../url/lab-url';
import { serializeUrlState } from '../url/url-params';

const selectRun = (s: LabState) => s.run;
const selectSelected = (s: LabState) => s.selectedId;
const selectTheme = (s: LabState) => s.theme;

function fullPageAddress(state: LabState, world: RunSource, lang: string | undefined): string {
  const query = serializeUrlState(urlStateOfLab(state, world, lang !== undefined ? { lang } : {}));
  return `./index.html?${query}`;
}

export function OpenInLabLink(props: {
  store: LabStore;
  world: RunSource;
  lang: string | undefined;
  className?: string | undefined;
}) {
  // Re-rendered for changes of run, selection and theme; the playhead is added when used.
  useLab(selectRun);
  useLab(selectSelected);
  useLab(selectTheme);
  const current = () => fullPageAddress(props.store.getState(), props.world, props.lang);
  const refresh = (event: { currentTarget: HTMLAnchorElement }) => {
    event.currentTarget.href = current();
  };
  return (
    <a
      className={props.className}
      href={current()}
      target="_blank"
      rel="noopener"
      onPointerDown={refresh}
      onFocus={refresh}
      onClick={refresh}
    >
      Open in Handshake Lab
      <span className="visually-hidden"> (opens a new tab)</span>
    </a>
  );
}
