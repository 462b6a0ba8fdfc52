import type { Capacity, FamilyCount, InstanceBlock, ZoneGroup } from '../models/placement-model.js';
import { usageBar } from './bar.js';
import { cell, clipLine, type Cell, type Line } from './cells.js';
import { familyColor } from './family-colors.js';
import { statusColor } from './status-colors.js';

/** Lines an instance takes: name and state, the two bars, its tasks and ports. */
export const INSTANCE_HEIGHT = 3;

/** A task square per task up to this many per family; past it, a count. */
const MAX_SQUARES = 8;

/** One square per task in the family's colour (hollow while pending): where tasks piled up shows as a longer run. */
export function familyCells(tasks: readonly FamilyCount[], families: readonly string[]): Cell[] {
  return tasks.flatMap(({ family, count, pending }, i) => {
    const color = familyColor(family, families);
    const running = count - pending;
    const squares = '■'.repeat(Math.min(running, MAX_SQUARES)) + '□'.repeat(Math.min(pending, Math.max(0, MAX_SQUARES - running)));
    const more = count > MAX_SQUARES ? `+${count - MAX_SQUARES}` : '';
    return [...(i > 0 ? [cell('  ')] : []), cell(`${squares}${more} `, color), cell(`${family} ${count}`, color)];
  });
}

/** `us-east-1a  2 instances  4 tasks: web 2, api 2` (the zone's Fargate tasks counted in). */
export function renderZoneHeader(zone: ZoneGroup, families: readonly string[], width: number): Line {
  const counts = zone.tasks.flatMap(({ family, count }, i) => [
    ...(i > 0 ? [cell(', ', 'gray')] : []),
    cell(`${family} ${count}`, familyColor(family, families)),
  ]);
  const instances = zone.instances.length;
  // A zone where only Fargate tasks run has no instances to count: its Fargate row follows.
  const instanceCount = instances === 0 && zone.fargate ? '' : `  ${instances} instance${instances === 1 ? '' : 's'}`;
  return clipLine(
    [
      cell(zone.zone, 'white', { bold: true }),
      cell(`${instanceCount}  ${zone.taskCount} task${zone.taskCount === 1 ? '' : 's'}`, 'gray'),
      ...(counts.length ? [cell(': ', 'gray'), ...counts] : []),
    ],
    width,
  );
}

function capacityCells(label: string, capacity: Capacity, barWidth: number, unit: string): Cell[] {
  const used = capacity.registered - capacity.remaining;
  return [cell(`${label} `, 'gray'), ...usageBar(used, capacity.registered, barWidth), cell(` ${used}/${capacity.registered}${unit}`)];
}

/** An instance as INSTANCE_HEIGHT lines, none wider than `width`. */
export function renderInstanceBlock(block: InstanceBlock, families: readonly string[], width: number): Line[] {
  const taskCount = block.tasks.reduce((n, f) => n + f.count, 0);
  const title: Cell[] = [
    cell(block.ec2InstanceId ?? block.id.slice(0, 8), 'white', { bold: true }),
    cell(` ${block.instanceType ?? ''}`, 'gray'),
    cell('  '),
    cell(block.status, statusColor(block.status)),
    cell('  '),
    block.agentConnected ? cell('agent ✓', 'green') : cell('agent ✗', 'red'),
    cell(`  ${taskCount} task${taskCount === 1 ? '' : 's'}`, 'gray'),
  ];
  // Two bars side by side: each gets what is left after its label and figures.
  const barWidth = Math.max(4, Math.min(20, Math.floor((width - 2 - 36) / 2)));
  const bars: Cell[] = [
    cell('  '),
    ...capacityCells('cpu', block.cpu, barWidth, ''),
    cell('  '),
    ...capacityCells('mem', block.memory, barWidth, ' MiB'),
  ];
  const ports = block.ports.length ? [cell('  ports ', 'gray'), cell(block.ports.join(' '))] : [];
  const tasks: Cell[] = [cell('  '), ...(block.tasks.length ? familyCells(block.tasks, families) : [cell('no tasks', 'gray')]), ...ports];
  return [clipLine(title, width), clipLine(bars, width), clipLine(tasks, width)];
}
