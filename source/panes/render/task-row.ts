import type { TaskRow } from '../models/tasks-model.js';
import { age } from './age.js';
import { cell, fitCells, type Cell, type Line } from './cells.js';
import { fitColumns, GAP, type Column, type PlacedColumn } from './columns.js';
import { statusColor } from './status-colors.js';

export type TaskColumnId = 'id' | 'taskDefinition' | 'status' | 'launch' | 'instance' | 'address' | 'zone' | 'ports' | 'group' | 'age' | 'reason';

const TASK_COLUMNS: readonly Column<TaskColumnId>[] = [
  { id: 'id', header: 'TASK', width: 8, priority: 10 },
  { id: 'taskDefinition', header: 'DEFINITION', width: 14, priority: 9 },
  // PENDING→RUNNING fits; the rarer, longer transitions are cut (the details view has them whole).
  { id: 'status', header: 'STATUS', width: 15, priority: 10 },
  // FARGATE_SPOT whole: a task that may be interrupted should say so.
  { id: 'launch', header: 'LAUNCH', width: 12, priority: 7 },
  { id: 'instance', header: 'INSTANCE', width: 8, priority: 4 },
  // Before the stopped reason, so of the two it goes first when the pane narrows.
  { id: 'address', header: 'IP', width: 15, priority: 5 },
  { id: 'zone', header: 'AZ', width: 10, priority: 6 },
  { id: 'ports', header: 'PORTS', width: 11, priority: 3 },
  { id: 'group', header: 'GROUP', width: 16, priority: 2 },
  { id: 'age', header: 'AGE', width: 4, priority: 8 },
  // Why a task stopped matters more than where it ran: it goes after the zone, before the rest.
  { id: 'reason', header: 'STOPPED REASON', width: 'flex', minWidth: 16, priority: 5 },
];

/** Columns that show only when some task has something to put there. */
export interface OptionalTaskColumns {
  /** Some task is not on EC2 (Fargate, Fargate Spot, external): on an EC2-only cluster the column says nothing. */
  launch: boolean;
  /** Some task has an IP of its own (awsvpc). */
  address: boolean;
}

export function optionalTaskColumns(rows: readonly TaskRow[]): OptionalTaskColumns {
  return { launch: rows.some((row) => row.launch !== undefined && row.launch !== 'EC2'), address: rows.some((row) => row.address !== undefined) };
}

export function taskColumns(width: number, optional: OptionalTaskColumns = { launch: false, address: false }): PlacedColumn<TaskColumnId>[] {
  return fitColumns(
    TASK_COLUMNS.filter((column) => (column.id !== 'launch' || optional.launch) && (column.id !== 'address' || optional.address)),
    width,
  );
}

/** Stopped tasks count from when they stopped, live ones from when they started (or were created, while pending). */
export function taskAge(row: TaskRow, now: number): string {
  if (row.desiredStatus === 'STOPPED' && row.stoppedAt !== undefined) return age(row.stoppedAt, now);
  return age(row.startedAt ?? row.createdAt, now);
}

/** `RUNNING`, or `PENDING→RUNNING` while the task is on its way to where ECS wants it. */
export function statusCells(lastStatus: string, desiredStatus: string): Cell[] {
  if (lastStatus === desiredStatus) return [cell(lastStatus, statusColor(lastStatus))];
  return [cell(lastStatus, statusColor(lastStatus)), cell('→', 'gray'), cell(desiredStatus, statusColor(desiredStatus))];
}

function columnCells(row: TaskRow, id: TaskColumnId, ageText: string): Cell[] {
  switch (id) {
    case 'id':
      return [cell(row.id.slice(0, 8), 'cyan')];
    case 'taskDefinition':
      return [cell(row.taskDefinition)];
    case 'status':
      return statusCells(row.lastStatus, row.desiredStatus);
    case 'launch':
      return [cell(row.launch ?? '-', launchColor(row.launch))];
    case 'instance':
      return [cell(row.containerInstanceId?.slice(0, 8) ?? '-', row.containerInstanceId ? undefined : 'gray')];
    case 'address':
      return [cell(row.address ?? '-', row.address ? undefined : 'gray')];
    case 'zone':
      return [cell(row.availabilityZone ?? '-', row.availabilityZone ? undefined : 'gray')];
    case 'ports':
      return [cell(row.hostPorts.join(',') || '-', row.hostPorts.length ? undefined : 'gray')];
    case 'group':
      return [cell(row.group ?? '-', 'gray')];
    case 'age':
      return [cell(ageText)];
    case 'reason':
      return row.desiredStatus === 'STOPPED' ? [cell(row.stoppedReason ?? '', 'red')] : [];
  }
}

function launchColor(launch: string | undefined): string | undefined {
  if (launch === undefined) return 'gray';
  return launch === 'FARGATE_SPOT' ? 'yellow' : launch === 'FARGATE' ? 'blue' : undefined;
}

/** One task as one line of the table. */
export function renderTaskRow(row: TaskRow, columns: readonly PlacedColumn<TaskColumnId>[], ageText: string): Line {
  return columns.flatMap((column, i) => {
    const cells = fitCells(columnCells(row, column.id, ageText), column.width);
    return i === 0 ? cells : [cell(' '.repeat(GAP)), ...cells];
  });
}

export function renderTaskHeader(columns: readonly PlacedColumn<TaskColumnId>[]): Line {
  return columns.flatMap((column, i) => {
    const cells = fitCells([cell(column.header, 'gray', { bold: true })], column.width);
    return i === 0 ? cells : [cell(' '.repeat(GAP)), ...cells];
  });
}
