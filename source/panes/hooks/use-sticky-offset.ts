import { useRef } from 'react';
import { visibleWindow, type VisibleWindow } from '../render/visible-window.js';

/** The visible window of a list, remembering its offset between frames so scrolling is steady. */
export function useStickyWindow(
  count: number,
  heightOf: (index: number) => number,
  selected: number,
  height: number,
  firstSelectable = 0,
): VisibleWindow {
  const offset = useRef(0);
  const window = visibleWindow(count, heightOf, selected, height, offset.current, firstSelectable);
  offset.current = window.start;
  return window;
}
