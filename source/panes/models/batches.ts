/** The API's per-call limits for describe calls: a longer list is described in several calls. */
export const DESCRIBE_LIMITS = { tasks: 100, containerInstances: 100, services: 10 } as const;

/** `items` cut into runs of at most `size`, in order. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  if (!(size >= 1)) throw new RangeError(`batch size must be at least 1, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
