import { Box } from 'ink';
import { memo, useMemo } from 'react';
import { LineView } from './components/LineView.js';
import { useStickyWindow } from './hooks/use-sticky-offset.js';
import type { TaskRow } from './models/tasks-model.js';
import type { PlacedColumn } from './render/columns.js';
import { withGutter } from './render/gutter.js';
import { optionalTaskColumns, renderTaskHeader, renderTaskRow, taskAge, taskColumns, type TaskColumnId } from './render/task-row.js';

export interface TasksPaneProps {
  rows: readonly TaskRow[];
  selectedKey?: string;
  width: number;
  height: number;
  /** The time the tasks' timestamps are in (the sandbox's clock, or the wall clock on AWS). */
  now: number;
  focused?: boolean;
}

interface TaskRowViewProps {
  row: TaskRow;
  columns: readonly PlacedColumn<TaskColumnId>[];
  ageText: string;
  selected: boolean;
  focused: boolean;
}

/** Memoized on the row object (the model reuses it while the task's version is the same) and its age. */
const TaskRowView = memo(function TaskRowView({ row, columns, ageText, selected, focused }: TaskRowViewProps) {
  const line = useMemo(() => withGutter(renderTaskRow(row, columns, ageText), selected, focused), [row, columns, ageText, selected, focused]);
  return <LineView line={line} />;
});

const ONE_LINE = () => 1;

/** The tasks table: a header, then as many rows as fit, scrolled to keep the selection in view. */
export function TasksPane({ rows, selectedKey, width, height, now, focused = false }: TasksPaneProps) {
  const { launch, address } = useMemo(() => optionalTaskColumns(rows), [rows]);
  const columns = useMemo(() => taskColumns(width - 1, { launch, address }), [width, launch, address]);
  const header = useMemo(() => withGutter(renderTaskHeader(columns), false, false), [columns]);
  const selected = rows.findIndex((r) => r.key === selectedKey);
  const { start, end } = useStickyWindow(rows.length, ONE_LINE, selected, height - 1);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <LineView line={header} />
      {rows.slice(start, end).map((row, i) => (
        <TaskRowView
          key={row.key}
          row={row}
          columns={columns}
          ageText={taskAge(row, now)}
          selected={start + i === selected}
          focused={focused}
        />
      ))}
    </Box>
  );
}
