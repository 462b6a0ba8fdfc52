import type { FargateBlock } from '../models/fargate-model.js';
import { cell, clipLine, type Cell, type Line } from './cells.js';
import { familyCells } from './instance-block.js';

/** Lines a zone's Fargate row takes: what the tasks hold, then the tasks by family. */
export const FARGATE_HEIGHT = 2;

/** `Fargate  3 tasks  1 on FARGATE_SPOT  cpu 768  mem 1536 MiB`, then the tasks' squares by family. */
export function renderFargateBlock(block: FargateBlock, families: readonly string[], width: number): Line[] {
  const title: Cell[] = [
    cell('Fargate', 'blue', { bold: true }),
    cell(`  ${block.count} task${block.count === 1 ? '' : 's'}`, 'gray'),
    ...(block.spot ? [cell('  '), cell(`${block.spot} on FARGATE_SPOT`, 'yellow')] : []),
    cell('  cpu ', 'gray'),
    cell(String(block.cpu)),
    cell('  mem ', 'gray'),
    cell(`${block.memory} MiB`),
  ];
  return [clipLine(title, width), clipLine([cell('  '), ...familyCells(block.tasks, families)], width)];
}
