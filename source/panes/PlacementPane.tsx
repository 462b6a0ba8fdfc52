import { Box } from 'ink';
import { memo, useMemo } from 'react';
import { LineView } from './components/LineView.js';
import { withGutter } from './render/gutter.js';
import { useStickyWindow } from './hooks/use-sticky-offset.js';
import type { FargateBlock, InstanceBlock, ZoneGroup } from './models/placement-model.js';
import { FARGATE_HEIGHT, renderFargateBlock } from './render/fargate-block.js';
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

type Item = { kind: 'zone'; zone: ZoneGroup } | { kind: 'instance'; block: InstanceBlock } | { kind: 'fargate'; block: FargateBlock };

const ITEM_HEIGHT: Record<Item['kind'], number> = { zone: 1, instance: INSTANCE_HEIGHT, fargate: FARGATE_HEIGHT };

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

/** Memoized on the block object, which the model reuses while the zone's Fargate tasks are unchanged. */
const FargateView = memo(function FargateView({ block, families, width, selected, focused }: Omit<InstanceViewProps, 'block'> & { block: FargateBlock }) {
  const lines = useMemo(
    () => renderFargateBlock(block, families, width - 1).map((line, i) => withGutter(line, selected && i === 0, focused)),
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

/** Container instances grouped by Availability Zone, each with its bars and its tasks by family; then the zone's Fargate tasks. */
export function PlacementPane({ zones, families, selectedKey, width, height, focused = false }: PlacementPaneProps) {
  const items = useMemo<Item[]>(
    () =>
      zones.flatMap((zone) => [
        { kind: 'zone' as const, zone },
        ...zone.instances.map((block) => ({ kind: 'instance' as const, block })),
        ...(zone.fargate ? [{ kind: 'fargate' as const, block: zone.fargate }] : []),
      ]),
    [zones],
  );
  const selected = items.findIndex((item) => item.kind !== 'zone' && item.block.key === selectedKey);
  const heightOf = (i: number) => ITEM_HEIGHT[items[i]!.kind];
  const { start, end } = useStickyWindow(items.length, heightOf, selected, height, 1);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {items.slice(start, end).map((item, i) =>
        item.kind === 'zone' ? (
          <ZoneView key={`zone ${item.zone.zone}`} zone={item.zone} families={families} width={width} />
        ) : item.kind === 'fargate' ? (
          <FargateView
            key={item.block.key}
            block={item.block}
            families={families}
            width={width}
            selected={start + i === selected}
            focused={focused}
          />
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
