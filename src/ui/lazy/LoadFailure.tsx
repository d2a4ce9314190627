/**
 * Around a part of the page whose code loads after the first view (React.lazy): if that code
 * cannot be fetched (the network dropped, or the site was updated and the old file is gone),
 * the part says so in one sentence instead of the whole page going blank.
 */
import { Component, type ReactNode } from 'react';

export interface LoadFailureProps {
  /** What the part is, as the sentence names it: "the narration". */
  readonly what: string;
  readonly children: ReactNode;
}

interface LoadFailureState {
  readonly failed: boolean;
}

export class LoadFailure extends Component<LoadFailureProps, LoadFailureState> {
  override state: LoadFailureState = { failed: false };

  static getDerivedStateFromError(): LoadFailureState {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <span role="alert">
        {`Could not load ${this.props.what}: check the connection and reload the page.`}
      </span>
    );
  }
}
