import { createHash } from 'node:crypto';
import type { TaskDefinitionRecord, TaskRecord } from '../../model.js';
import { taskFamilyAndRevision } from '../../network/index.js';
import { alreadyDone, type DockerContext } from './context.js';
import { LABEL, ownedBy } from './labels.js';

/**
 * A task's volumes on Docker. A host volume with a sourcePath is that directory of this
 * machine; a shared Docker volume is the named volume; any other (an empty `host: {}`, a
 * task-scoped Docker volume) is a Docker volume of the task's own, shared by its containers
 * and removed with them, named as the agent names it (ecs-FAMILY-REV-VOLUME-HEX).
 */
interface VolumeSpec {
  name?: string;
  host?: { sourcePath?: string };
  dockerVolumeConfiguration?: { scope?: string };
}

function taskVolumeName(task: TaskRecord, volume: string): string {
  const { family, revision } = taskFamilyAndRevision(task);
  const suffix = createHash('sha1').update(`${task.taskArn} ${volume}`).digest('hex').slice(0, 20);
  return `ecs-${family}-${revision}-${volume.replace(/[^a-zA-Z0-9_.-]/g, '')}-${suffix}`;
}

/** What each of the task's volumes mounts, by volume name; creates the task's own volumes. */
export async function taskVolumeSources(ctx: DockerContext, task: TaskRecord, def: TaskDefinitionRecord): Promise<Map<string, string>> {
  const sources = new Map<string, string>();
  for (const spec of def.volumes as VolumeSpec[]) {
    if (!spec.name) continue;
    if (spec.host?.sourcePath) sources.set(spec.name, spec.host.sourcePath);
    else if (spec.dockerVolumeConfiguration?.scope === 'shared') sources.set(spec.name, spec.name);
    else {
      const name = taskVolumeName(task, spec.name);
      await ctx.docker.createVolume({ Name: name, Labels: { [LABEL.sandbox]: ctx.owner, [LABEL.taskArn]: task.taskArn } });
      sources.set(spec.name, name);
    }
  }
  return sources;
}

/** Removes the task's own volumes (all of the sandbox's when no task is given). */
export async function removeTaskVolumes(ctx: DockerContext, taskArn?: string): Promise<void> {
  const { Volumes } = await ctx.docker.listVolumes({ filters: ownedBy(ctx.owner, taskArn) });
  await Promise.all(
    (Volumes ?? []).map((volume) =>
      ctx.docker
        .getVolume(volume.Name)
        .remove()
        .catch((error: unknown) => {
          if (!alreadyDone(error)) throw error;
        }),
    ),
  );
}
