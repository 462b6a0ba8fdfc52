import { Box } from 'ink';
import { memo, useMemo } from 'react';
import { LineView } from './components/LineView.js';
import { withGutter } from './render/gutter.js';
import { useStickyWindow } from './hooks/use-sticky-offset.js';
import type { InstanceBlock, ZoneGroup } from './models/placement-model.js';
import { INSTANCE_HEIGHT, renderInstanceBlock, renderZoneHeader } from './render/instance-block.js';

export interface PlacementPaneProps {
  zones: readonly ZoneGroup[];
  /** The cluster's families, sorted: what gives each family its colour. */
  families: readonly string[];
  selectedKey?: string;
  width: number;
  height: number;
  focused?: boolean;
}

type Item = { kind: 'zone'; zone: ZoneGroup } | { kind: 'instance'; block: InstanceBlock };

interface InstanceViewProps {
  block: InstanceBlock;
  families: readonly string[];
  width: number;
  selected: boolean;
  focused: boolean;
}

/** Memoized on the block object, which the model reuses while the instance and its tasks are unchanged. */
const InstanceView = memo(function InstanceView({ block, families, width, selected, focused }: InstanceViewProps) {
  const lines = useMemo(
    () => renderInstanceBlock(block, families, width - 1).map((line, i) => withGutter(line, selected && i === 0, focused)),
    [block, families, width, selected, focused],
  );
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <LineView key={i} line={line} />
      ))}
    </Box>
  );
});

const ZoneView = memo(function ZoneView({ zone, families, width }: { zone: ZoneGroup; families: readonly string[]; width: number }) {
  const line = useMemo(() => renderZoneHeader(zone, families, width), [zone, families, width]);
  return <LineView line={line} />;
});

/** Container instances grouped by Availability Zone, each with its bars and its tasks by family. */
export function PlacementPane({ zones, families, selectedKey, width, height, focused = false }: PlacementPaneProps) {
  const items = useMemo<Item[]>(
    () => zones.flatMap((zone) => [{ kind: 'zone' as const, zone }, ...zone.instances.map((block) => ({ kind: 'instance' as const, block }))]),
    [zones],
  );
  const selected = items.findIndex((item) => item.kind === 'instance' && item.block.key === selectedKey);
  const heightOf = (i: number) => (items[i]!.kind === 'zone' ? 1 : INSTANCE_HEIGHT);
  const { start, end } = useStickyWindow(items.length, heightOf, selected, height, 1);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {items.slice(start, end).map((item, i) =>
        item.kind === 'zone' ? (
          <ZoneView key={`zone ${item.zone.zone}`} zone={item.zone} families={families} width={width} />
        ) : (
          <InstanceView
            key={item.block.key}
            block={item.block}
            families={families}
            width={width}
            selected={start + i === selected}
            focused={focused}
          />
        ),
      )}
    </Box>
  );
}
