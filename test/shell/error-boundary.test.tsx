import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import ErrorBoundary from '../../source/shell/ErrorBoundary.js';

function Broken(): never {
  throw new Error('the menu broke');
}

describe('a component that throws', () => {
  it('hands its error to the shell instead of drawing a stack trace', () => {
    const onError = vi.fn();
    const { lastFrame } = render(
      <ErrorBoundary onError={onError}>
        <Text>above</Text>
        <Broken />
      </ErrorBoundary>,
    );
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'the menu broke' }));
    expect(lastFrame()).toBe('');
  });
});
