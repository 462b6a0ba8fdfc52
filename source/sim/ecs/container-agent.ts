import { createHash } from 'node:crypto';

/**
 * The container agent's versions as the sandbox plays them: instances boot the agent that ships
 * on the ECS-optimized AMI, and one newer release is available to UpdateContainerAgent, so the
 * update can be watched going through its stages.
 */
const AMI_AGENT_VERSION = '1.96.0';
export const LATEST_AGENT_VERSION = '1.97.0';

/** The agent reports Docker's version with this prefix. */
const DOCKER_VERSION = 'DockerVersion: 25.0.8';

export interface VersionInfo {
  agentVersion: string;
  agentHash: string;
  dockerVersion: string;
}

/** A stand-in for the agent build's commit hash: stable per version, 8 hex digits like the real one. */
function agentHash(version: string): string {
  return createHash('sha1').update(`amazon-ecs-agent ${version}`).digest('hex').slice(0, 8);
}

export function agentVersionInfo(version = AMI_AGENT_VERSION): VersionInfo {
  return { agentVersion: version, agentHash: agentHash(version), dockerVersion: DOCKER_VERSION };
}

/** Compares dotted versions numerically: negative when `a` is older than `b`. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The job kind that moves an agent update through its stages (key: container instance ARN). */
export const AGENT_UPDATE_JOB = 'container-agent-update';

/** An update's stages in order; the agent walks them one by one, UPDATED ends it. */
export const AGENT_UPDATE_STAGES = ['PENDING', 'STAGING', 'STAGED', 'UPDATING', 'UPDATED'] as const;

export function agentUpdateInProgress(status: string | undefined): boolean {
  return status !== undefined && status !== 'UPDATED' && status !== 'FAILED';
}
