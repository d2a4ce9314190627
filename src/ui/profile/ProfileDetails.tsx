/**
 * Profile details, beside the Profile control: every number an endpoint runs with and, for a
 * linux endpoint, the sysctl that set it and a form to change its sysctls, which re-runs the
 * scenario (the `sysctls` run setting; the link keeps it). A FreeBSD or RFC endpoint shows its
 * table read-only: those profiles are fixed tables here (docs/linux-sysctls.md).
 */
import { Fragment, useId, useState, type FormEvent } from 'react';
import { useLab, type EndpointInfo, type LabState } from '../../store';
import {
  isTriple,
  SYSCTL_NAMES,
  sysctlValueProblem,
  type SysctlChanges,
  type SysctlName,
} from '../../sim/linux-sysctls';
import { readSysctlOverrides, writeSysctlOverrides } from '../../sim/settings';
import type { EndpointStack } from '../../sim/run-types';
import { PanelDialog } from '../dialog/PanelDialog';
import { SelectField } from '../controls/SelectField';
import { effectiveSysctls, profileRows, sysctlText } from '../format/profile-details';
import styles from './ProfileDetails.module.css';

const selectEndpoints = (s: LabState) => s.timeline.endpoints;
const selectSysctls = (s: LabState) => s.run.sysctls;
const selectChange = (s: LabState) => s.changeRunSettings;

const PROFILE_TEXT: Record<string, string> = { linux: 'Linux', freebsd: 'FreeBSD', rfc: 'RFC' };

type StackEndpoint = EndpointInfo & { readonly stack: EndpointStack };

/** Loaded when the button is first pressed (ProfileDetailsButton): the first view carries none of it. */
export default function ProfileDetailsDialog({ onClose }: { onClose: () => void }) {
  const endpoints = useLab(selectEndpoints).filter((e): e is StackEndpoint => !!e.stack);
  // Which endpoint the reader looks at: interface state, not a protocol fact.
  const [chosen, setChosen] = useState(endpoints[0]?.name ?? '');
  const endpoint = endpoints.find((e) => e.name === chosen) ?? endpoints[0];
  return (
    <PanelDialog title="Profile details" onClose={onClose}>
      {endpoint === undefined ? (
        <p>This run has no TCP endpoint.</p>
      ) : (
        <>
          <SelectField
            label="Endpoint"
            value={endpoint.name}
            options={endpoints.map((e) => ({
              value: e.name,
              text: `${e.name} (${PROFILE_TEXT[e.profile] ?? e.profile})`,
            }))}
            onChange={setChosen}
          />
          {endpoint.profile === 'linux' ? (
            <SysctlForm key={endpoint.name} endpoint={endpoint} />
          ) : (
            <p className={styles.note}>
              The {PROFILE_TEXT[endpoint.profile] ?? endpoint.profile} profile is a fixed table: it
              has no Linux sysctls to change. Choose the Linux profile to change them.
            </p>
          )}
          <NumbersTable endpoint={endpoint} />
        </>
      )}
    </PanelDialog>
  );
}

function NumbersTable({ endpoint }: { endpoint: StackEndpoint }) {
  const linux = endpoint.profile === 'linux';
  const rows = profileRows(endpoint.stack, linux);
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption>Numbers {endpoint.name} runs with</caption>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Value</th>
            {linux && <th scope="col">Set by</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.field}>
              <th scope="row">
                <code>{row.field}</code>
                <span className={styles.about}>{row.about}</span>
              </th>
              <td className={styles.value}>{row.value}</td>
              {linux && (
                <td>
                  {row.sysctls.length === 0
                    ? '—'
                    : row.sysctls.map((name, i) => (
                        <Fragment key={name}>
                          {i > 0 && ', '}
                          <BreakableName name={name} />
                        </Fragment>
                      ))}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A sysctl's name that may break after each underscore ("tcp_syn_" / "linear_timeouts"), so the
 * Set by column fits a phone's dialog without splitting a word at random.
 */
function BreakableName({ name }: { name: string }) {
  return name.split('_').map((part, i) => (
    <Fragment key={i}>
      {i > 0 && (
        <>
          _<wbr />
        </>
      )}
      {part}
    </Fragment>
  ));
}

/** The text of one input as the sysctl's value, or the problem with it. */
function readInput(
  name: SysctlName,
  text: string,
): { value: number | number[] } | { problem: string } {
  const words = text.trim().split(/\s+/);
  const numbers = words.map((w) => (/^\d+$/.test(w) ? Number(w) : NaN));
  const value = isTriple(name) ? numbers : numbers.length === 1 ? (numbers[0] ?? NaN) : NaN;
  const problem = sysctlValueProblem(name, value);
  return problem === null ? { value } : { problem: `${name}: ${problem}` };
}

function SysctlForm({ endpoint }: { endpoint: StackEndpoint }) {
  const overridesText = useLab(selectSysctls);
  const change = useLab(selectChange);
  const problemId = useId();
  const current = effectiveSysctls(endpoint.stack);
  const initial = () =>
    Object.fromEntries(SYSCTL_NAMES.map((n) => [n, sysctlText(current[n])])) as Record<
      SysctlName,
      string
    >;
  // What the reader typed and the problem with it: form state until it is applied.
  const [texts, setTexts] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const read = readSysctlOverrides(overridesText);
  const overrides = 'value' in read ? read.value : {};
  const ownOverrides = overrides[endpoint.name];

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const changed: Record<string, unknown> = {};
    for (const name of SYSCTL_NAMES) {
      const result = readInput(name, texts[name]);
      if ('problem' in result) {
        setProblem(result.problem);
        return;
      }
      if (sysctlText(result.value) !== sysctlText(current[name])) changed[name] = result.value;
    }
    setProblem(null);
    if (Object.keys(changed).length === 0) return;
    const next = {
      ...overrides,
      [endpoint.name]: { ...ownOverrides, ...(changed as SysctlChanges) },
    };
    change({ sysctls: writeSysctlOverrides(next) });
  };
  const reset = () => {
    const { [endpoint.name]: _dropped, ...rest } = overrides;
    void _dropped;
    setProblem(null);
    change({ sysctls: writeSysctlOverrides(rest) });
  };

  return (
    <form className={styles.form} onSubmit={apply} aria-label={`Sysctls of ${endpoint.name}`}>
      <p className={styles.note}>
        {endpoint.name} runs Linux 6.x with these sysctls. Change one and re-run to see what it
        drives.
      </p>
      <div className={styles.inputs}>
        {SYSCTL_NAMES.map((name) => (
          <SysctlInput
            key={name}
            name={name}
            value={texts[name]}
            describedBy={problem?.startsWith(`${name}:`) ? problemId : undefined}
            onChange={(text) => setTexts((t) => ({ ...t, [name]: text }))}
          />
        ))}
      </div>
      {problem !== null && (
        <p id={problemId} role="alert" className={styles.problem}>
          {problem}
        </p>
      )}
      <div className={styles.actions}>
        <button type="submit">Re-run with these sysctls</button>
        {ownOverrides !== undefined && (
          <button type="button" onClick={reset}>
            Back to the scenario’s sysctls
          </button>
        )}
      </div>
    </form>
  );
}

function SysctlInput({
  name,
  value,
  describedBy,
  onChange,
}: {
  name: SysctlName;
  value: string;
  describedBy: string | undefined;
  onChange: (text: string) => void;
}) {
  const id = useId();
  return (
    <div className={isTriple(name) ? `${styles.input} ${styles.wide}` : styles.input}>
      <label htmlFor={id}>
        <code>{name}</code>
      </label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        spellCheck={false}
        value={value}
        aria-describedby={describedBy}
        aria-invalid={describedBy !== undefined}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    </div>
  );
}
