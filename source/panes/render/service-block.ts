import type { DeploymentLine, EventLine, ServiceBlock } from '../models/services-model.js';
import { clockTime } from './age.js';
import { cell, clipLine, type Cell, type Line } from './cells.js';
import { deploymentColor, statusColor } from './status-colors.js';

export function serviceBlockHeight(block: ServiceBlock): number {
  return 1 + block.deployments.length + block.events.length;
}

function countsCells(desired: number, running: number, pending: number): Cell[] {
  return [
    cell('desired ', 'gray'),
    cell(String(desired)),
    cell('  running ', 'gray'),
    cell(String(running), running === desired ? 'green' : 'yellow'),
    cell('  pending ', 'gray'),
    cell(String(pending), pending > 0 ? 'yellow' : undefined),
  ];
}

function deploymentCells(d: DeploymentLine): Cell[] {
  return [
    cell('  '),
    cell(d.status.padEnd(8), deploymentColor(d.status)),
    cell(' '),
    cell((d.rolloutState ?? '-').padEnd(11), statusColor(d.rolloutState)),
    cell(` ${d.taskDefinition}  `),
    cell(`${d.running}/${d.desired} running`, d.running === d.desired ? 'green' : 'yellow'),
    ...(d.pending ? [cell(`, ${d.pending} pending`, 'yellow')] : []),
    ...(d.failed ? [cell(`, ${d.failed} failed`, 'red')] : []),
  ];
}

/** Events start with `(service NAME) `, which the block's title already says. */
function eventCells(serviceName: string, e: EventLine): Cell[] {
  const prefix = `(service ${serviceName}) `;
  const message = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
  return [cell('  '), cell(clockTime(e.createdAt), 'gray'), cell(` ${message}`)];
}

/** A service: its counts, then a line per deployment, then its latest events. */
export function renderServiceBlock(block: ServiceBlock, width: number): Line[] {
  const title: Cell[] = [
    cell(block.name, 'white', { bold: true }),
    cell('  '),
    cell(block.status, statusColor(block.status)),
    cell(`  ${block.taskDefinition}  `, 'gray'),
    ...countsCells(block.desired, block.running, block.pending),
  ];
  return [
    clipLine(title, width),
    ...block.deployments.map((d) => clipLine(deploymentCells(d), width)),
    ...block.events.map((e) => clipLine(eventCells(block.name, e), width)),
  ];
}
