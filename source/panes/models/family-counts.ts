import { compareText } from './reuse-rows.js';

export interface FamilyCount {
  family: string;
  /** Tasks of the family holding resources here (desired RUNNING). */
  count: number;
  /** Of those, the ones not RUNNING yet. */
  pending: number;
}

/** The counts summed per family, in family order. */
export function sumFamilies(counts: readonly FamilyCount[]): FamilyCount[] {
  const sums = new Map<string, FamilyCount>();
  for (const { family, count, pending } of counts) {
    const sum = sums.get(family) ?? { family, count: 0, pending: 0 };
    sum.count += count;
    sum.pending += pending;
    sums.set(family, sum);
  }
  return [...sums.values()].sort((a, b) => compareText(a.family, b.family));
}
