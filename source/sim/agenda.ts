import type { Job, SandboxState } from './state.js';

/**
 * The sandbox's to-do list on the simulated clock: a min-heap of jobs kept in the state,
 * so pending work (a task due to start, an instance due to boot) survives a restart.
 */
type Entry = Job & { seq: number };

function before(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

export function pushJob(state: SandboxState, job: Job): void {
  const heap = state.agenda;
  const entry: Entry = { ...job, seq: state.seq++ };
  heap.push(entry);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i]!, heap[parent]!)) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

export function peekJob(state: SandboxState): Job | undefined {
  return state.agenda[0];
}

export function popJob(state: SandboxState): Job | undefined {
  const heap = state.agenda;
  if (heap.length === 0) return undefined;
  const top = heap[0]!;
  const last = heap.pop()!;
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  }
  return { at: top.at, kind: top.kind, key: top.key };
}
