export interface VisibleWindow {
  /** The first item shown; also the offset to keep for the next frame, so the view does not jump. */
  start: number;
  /** One past the last item shown. */
  end: number;
}

/**
 * Which items of a long list to draw in `height` lines: starting from the last frame's offset,
 * moved just enough to keep the selected item in view. Only these are rendered, however long
 * the list, so 2,000 tasks cost what a screenful does.
 *
 * `firstSelectable` is the index of the first item that can be selected: moving to it also
 * shows the headers above it (the zone of the first instance).
 */
export function visibleWindow(
  count: number,
  heightOf: (index: number) => number,
  selected: number,
  height: number,
  offset: number,
  firstSelectable = 0,
): VisibleWindow {
  if (count === 0 || height <= 0) return { start: 0, end: 0 };
  const target = Math.min(Math.max(selected, 0), count - 1);
  let start = Math.min(Math.max(offset, 0), count - 1);
  if (target <= firstSelectable) start = 0;
  if (target < start) start = target;
  let lines = 0;
  for (let i = start; i <= target; i++) lines += heightOf(i);
  while (start < target && lines > height) lines -= heightOf(start++);
  // At the end of the list, pull earlier items in rather than leave lines empty.
  for (let i = target + 1; i < count && lines <= height; i++) lines += heightOf(i);
  while (start > 0 && lines + heightOf(start - 1) <= height) lines += heightOf(--start);
  let end = start;
  let used = 0;
  while (end < count && (used + heightOf(end) <= height || end === start)) used += heightOf(end++);
  return { start, end };
}
