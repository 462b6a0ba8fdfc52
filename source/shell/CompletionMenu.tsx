import { Box, Text } from 'ink';
import type { Candidate } from '../completion/index.js';
import { highlightParts } from './highlight-parts.js';
import type { Theme } from './theme.js';

export interface CompletionMenuProps {
  candidates: readonly Candidate[];
  selected: number;
  /** Most rows shown; the list scrolls to keep the selection in view. */
  rows: number;
  width: number;
  theme: Theme;
}

/** Widest label column before labels are cut. */
const MAX_LABEL = 48;

/**
 * The candidates under the prompt: the matched letters highlighted, then the type and a
 * mark on required parameters; the selected row inverse.
 */
export default function CompletionMenu({ candidates, selected, rows, width, theme }: CompletionMenuProps) {
  const first = selected < rows ? 0 : selected - rows + 1;
  const shown = candidates.slice(first, first + rows);
  const labelWidth = Math.min(MAX_LABEL, Math.max(...shown.map((c) => c.label.length)), Math.max(8, width - 16));
  return (
    <Box flexDirection="column">
      {shown.map((candidate, i) => (
        <MenuRow key={`${first + i}:${candidate.label}`} candidate={candidate} selected={first + i === selected} labelWidth={labelWidth} theme={theme} />
      ))}
    </Box>
  );
}

function MenuRow({ candidate, selected, labelWidth, theme }: { candidate: Candidate; selected: boolean; labelWidth: number; theme: Theme }) {
  const parts = highlightParts(candidate.label, candidate.positions, labelWidth);
  const shownLength = Math.min(candidate.label.length, labelWidth);
  const type = candidate.type ?? kindWord(candidate.kind);
  return (
    <Text wrap="truncate-end" inverse={selected}>
      {' '}
      {parts.map((part, i) =>
        part.match ? (
          <Text key={i} {...theme.match} inverse={selected}>
            {part.text}
          </Text>
        ) : (
          part.text
        ),
      )}
      {' '.repeat(labelWidth - shownLength + 2)}
      <Text {...theme.type} inverse={selected}>
        {type}
      </Text>
      {candidate.required ? (
        <Text {...theme.required} inverse={selected}>
          {' *'}
        </Text>
      ) : (
        '  '
      )}{' '}
    </Text>
  );
}

function kindWord(kind: Candidate['kind']): string {
  switch (kind) {
    case 'service':
      return 'service';
    case 'dot-command':
      return 'shell';
    case 'operation':
      return 'operation';
    case 'resource':
      return 'name';
    default:
      return '';
  }
}
