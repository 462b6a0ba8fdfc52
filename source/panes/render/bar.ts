import { cell, type Cell } from './cells.js';

/**
 * A usage bar: `used` of `total` as filled cells, green while there is room, yellow past 70%
 * and red past 90%, so a full instance (binpack) and an even spread look different at once.
 */
export function usageBar(used: number, total: number, width: number): Cell[] {
  const share = total > 0 ? Math.min(1, Math.max(0, used / total)) : 0;
  // Any use shows at least one filled cell: an instance with one small task is not empty.
  const filled = used > 0 ? Math.max(1, Math.round(share * width)) : 0;
  const color = share > 0.9 ? 'red' : share > 0.7 ? 'yellow' : 'green';
  return [cell('█'.repeat(filled), color), cell('░'.repeat(width - filled), 'gray')];
}
