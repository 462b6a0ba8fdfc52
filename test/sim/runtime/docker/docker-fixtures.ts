import { DescribeImagesCommand, DescribeInstancesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { CreateClusterCommand, DescribeTasksCommand, ECSClient, ListContainerInstancesCommand, type Task } from '@aws-sdk/client-ecs';
import type Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '../../../../source/sim/index.js';
import { BUSYBOX_PATH, buildImages, connectEngine, engineAddress, isStaticExecutable, LABEL } from '../../../../source/sim/runtime/docker/index.js';
import { TEST_CREDENTIALS } from '../../../support/sandbox.js';
import { joinCluster } from '../../ec2/fixtures.js';
import { eventually } from '../fixtures.js';

export { eventually };

/**
 * The Docker runtime's tests run against a real engine: DOCKER_HOST's, which .ci/run starts on a
 * private socket. Where none answers, or there is no static busybox to build the test images
 * from, they are skipped, and their name says why.
 */
async function engineForTests(): Promise<{ docker?: Docker; skipped: string }> {
  const engine = await connectEngine();
  if ('error' in engine) return { skipped: ` [skipped: no Docker engine answers at ${engineAddress()} (${engine.error}); .ci/run starts one]` };
  let staticBusybox = false;
  try {
    staticBusybox = isStaticExecutable(BUSYBOX_PATH);
  } catch {
    staticBusybox = false;
  }
  if (!staticBusybox) return { skipped: ` [skipped: no static busybox at ${BUSYBOX_PATH} to build the test images; apt-get install busybox-static]` };
  return { docker: engine.docker, skipped: '' };
}

export const engine = await engineForTests();
if (!engine.docker) console.warn(`Docker runtime tests${engine.skipped}`);

/** The engine, in tests that run only when there is one. */
export function docker(): Docker {
  if (!engine.docker) throw new Error('no Docker engine');
  return engine.docker;
}

export async function buildTestImages(): Promise<void> {
  await buildImages(docker());
}

/** Simulated time runs this much faster than real time: instance boots and stop steps take a blink. */
const SPEED = 20;

export interface DockerSandbox {
  running: RunningSandbox;
  ecs: ECSClient;
  ec2: EC2Client;
  notices: string[];
  close(): Promise<void>;
}

export async function startDockerSandbox(options: { state?: string; keepContainers?: boolean } = {}): Promise<DockerSandbox> {
  const notices: string[] = [];
  const running = await startSandbox({ speed: SPEED, runtime: 'docker', network: { notify: (message) => notices.push(message) }, ...options });
  const config = { endpoint: running.url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 };
  const ecs = new ECSClient(config);
  const ec2 = new EC2Client(config);
  return {
    running,
    ecs,
    ec2,
    notices,
    close: async () => {
      ecs.destroy();
      ec2.destroy();
      await running.close();
    },
  };
}

/** A cluster name no other test uses: containers are found by it. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** A cluster with one EC2 instance joined by its user data; resolves to the instance's loopback twin. */
export async function clusterWithInstance(t: DockerSandbox, cluster: string): Promise<string> {
  await t.ecs.send(new CreateClusterCommand({ clusterName: cluster }));
  const images = await t.ec2.send(new DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-ecs-hvm-*'] }] }));
  const out = await t.ec2.send(new RunInstancesCommand({ ImageId: images.Images![0]!.ImageId!, InstanceType: 't3.medium', MinCount: 1, MaxCount: 1, UserData: joinCluster(cluster) }));
  const id = out.Instances![0]!.InstanceId!;
  await eventually(async () => {
    const listed = await t.ecs.send(new ListContainerInstancesCommand({ cluster }));
    return listed.containerInstanceArns?.length === 1 ? true : undefined;
  }, 'the instance to join the cluster');
  const described = await t.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  return described.Reservations![0]!.Instances![0]!.PrivateIpAddress!.replace(/^\d+/, '127');
}

export async function describeTasks(t: DockerSandbox, cluster: string, taskArns: string[]): Promise<Task[]> {
  if (taskArns.length === 0) return [];
  const out = await t.ecs.send(new DescribeTasksCommand({ cluster, tasks: taskArns }));
  return out.tasks!;
}

/**
 * Where a describe block's tests start: the test images built, a sandbox started and `cluster`
 * made with one instance; `twin` is the instance's loopback twin.
 */
export async function startDockerCluster(cluster: string): Promise<{ t: DockerSandbox; twin: string }> {
  await buildTestImages();
  const t = await startDockerSandbox();
  const twin = await clusterWithInstance(t, cluster);
  return { t, twin };
}

/** Waits for a task to reach `status`, and gives its description. */
export function taskReaches(t: DockerSandbox, cluster: string, taskArn: string, status: string): Promise<Task> {
  return eventually(async () => {
    const [task] = await describeTasks(t, cluster, [taskArn]);
    return task?.lastStatus === status ? task : undefined;
  }, `task ${taskArn} to be ${status}`);
}

/** The cluster's containers on the engine, running or not. */
export async function clusterContainers(cluster: string): Promise<Docker.ContainerInfo[]> {
  return docker().listContainers({ all: true, filters: { label: [`${LABEL.cluster}=${cluster}`] } });
}
