import { Component, type ReactNode } from 'react';

export interface ErrorBoundaryProps {
  children: ReactNode;
  /** Called with the error that broke the screen; the shell ends with it in one line. */
  onError(error: Error): void;
}

/**
 * Keeps Ink's own error screen (a stack trace) off the terminal: a component that throws
 * hands its error to the shell, which leaves with one line saying what broke.
 */
export default class ErrorBoundary extends Component<ErrorBoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error): void {
    this.props.onError(error);
  }

  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}
