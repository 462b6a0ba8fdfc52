import type { ContainerInstanceRecord } from '../model.js';

/**
 * The instances of a placement call and their attribute lists, as they were when something
 * was worked out from their attributes. Attribute changes replace an instance's list, never
 * edit it, so whether that still holds is a pointer comparison per instance, far cheaper than
 * reading the attributes again.
 */
export class InstanceSnapshot {
  private readonly instances: readonly ContainerInstanceRecord[];
  private readonly attributeLists: ReadonlyArray<readonly unknown[]>;

  constructor(instances: readonly ContainerInstanceRecord[]) {
    this.instances = [...instances];
    this.attributeLists = instances.map((instance) => instance.attributes);
  }

  /** Whether `instances` are the same records, in the same order, with the same attribute lists. */
  matches(instances: readonly ContainerInstanceRecord[]): boolean {
    if (this.instances.length !== instances.length) return false;
    for (let i = 0; i < instances.length; i++) {
      if (this.instances[i] !== instances[i] || this.attributeLists[i] !== instances[i]!.attributes) return false;
    }
    return true;
  }
}
