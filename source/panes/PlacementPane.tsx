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

type BlockItem = Exclude<Item, { kind: 'zone' }>;

type BlockViewProps = BlockItem & {
  families: readonly string[];
  width: number;
  selected: boolean;
  focused: boolean;
};

/**
 * An instance or a zone's Fargate tasks, memoized on the block object, which the model reuses
 * while the instance and its tasks (or the zone's Fargate tasks) are unchanged.
 */
const BlockView = memo(function BlockView({ kind, block, families, width, selected, focused }: BlockViewProps) {
  const lines = useMemo(() => {
    const rendered = kind === 'instance' ? renderInstanceBlock(block, families, width - 1) : renderFargateBlock(block, families, width - 1);
    return rendered.map((line, i) => withGutter(line, selected && i === 0, focused));
  }, [kind, block, families, width, selected, focused]);
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
        ) : (
          <BlockView
            key={item.block.key}
            {...item}
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
