import type { Task } from '@aws-sdk/client-ecs';

const FARGATE_PROVIDERS = new Set(['FARGATE', 'FARGATE_SPOT']);

/** Runs on Fargate: no container instance of the account's holds it. */
export function isFargate(task: Task): boolean {
  return task.launchType === 'FARGATE' || FARGATE_PROVIDERS.has(task.capacityProviderName ?? '');
}

/** Where a task runs, as a reader tells tasks apart: EC2, FARGATE, EXTERNAL, or FARGATE_SPOT (which may be interrupted). */
export function launchLabel(task: Task): string | undefined {
  if (task.capacityProviderName === 'FARGATE_SPOT') return 'FARGATE_SPOT';
  return task.launchType ?? task.capacityProviderName;
}

/**
 * The task's own private IP when it has one (awsvpc: its ENI's address, which the attachment
 * carries from the start, and keeps once the ENI is deleted: where a stopped task was).
 */
export function taskAddress(task: Task): string | undefined {
  for (const attachment of task.attachments ?? []) {
    if (attachment.type !== 'ElasticNetworkInterface') continue;
    const address = attachment.details?.find((detail) => detail.name === 'privateIPv4Address')?.value;
    if (address) return address;
  }
  for (const container of task.containers ?? []) {
    const address = container.networkInterfaces?.find((eni) => eni.privateIpv4Address)?.privateIpv4Address;
    if (address) return address;
  }
  return undefined;
}

/**
 * Task-level CPU units or MiB as DescribeTasks gives them: a number of units ("256"), or the
 * forms a task definition may be written in ("0.25 vCPU", "1 GB").
 */
export function taskSize(value: string | undefined): number {
  if (!value) return 0;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(vcpu|gb)?\s*$/i.exec(value);
  if (!match) return 0;
  const amount = Number(match[1]);
  return Math.round(match[2] ? amount * 1024 : amount);
}
