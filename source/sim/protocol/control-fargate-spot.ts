import { interruptSpotTasks } from '../ecs/index.js';
import { ApiError } from '../errors.js';
import type { Sandbox } from '../sandbox.js';
import type { WireResponse } from './wire.js';

/**
 * `POST /_ecsh/fargate-spot/interrupt` with `{"taskArn": ARN}` or `{"cluster": NAME, "region"?: R}`:
 * interrupts Fargate Spot tasks as AWS does when it takes its capacity back. Answers
 * `{"interruptedTasks": [ARN...]}`, or `{"message"}` with 400, 404 or 405.
 */
export function fargateSpotControl(sb: Sandbox, method: string | undefined, body: string, defaultRegion: string): WireResponse {
  const json = (status: number, value: unknown): WireResponse => ({ status, contentType: 'application/json', body: JSON.stringify(value) });
  if (method !== 'POST') return json(405, { message: 'POST {"taskArn": ARN} or {"cluster": NAME} to interrupt Fargate Spot tasks' });
  let request: any;
  try {
    request = JSON.parse(body || '{}');
  } catch {
    return json(400, { message: 'body must be JSON: {"taskArn": ARN} or {"cluster": NAME}' });
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return json(400, { message: 'body must be a JSON object: {"taskArn": ARN} or {"cluster": NAME}' });
  }
  const region = typeof request.region === 'string' && request.region !== '' ? request.region : defaultRegion;
  try {
    sb.runDue();
    const interruptedTasks = interruptSpotTasks(sb, { taskArn: request.taskArn, cluster: request.cluster, region });
    return json(200, { interruptedTasks });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return json(error.status, { message: error.message });
  }
}
