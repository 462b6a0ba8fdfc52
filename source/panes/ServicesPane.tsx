import { Box } from 'ink';
import { memo, useMemo } from 'react';
import { LineView } from './components/LineView.js';
import { withGutter } from './render/gutter.js';
import { useStickyWindow } from './hooks/use-sticky-offset.js';
import type { ServiceBlock } from './models/services-model.js';
import { renderServiceBlock, serviceBlockHeight } from './render/service-block.js';

export interface ServicesPaneProps {
  services: readonly ServiceBlock[];
  selectedKey?: string;
  width: number;
  height: number;
  focused?: boolean;
}

interface ServiceViewProps {
  block: ServiceBlock;
  width: number;
  selected: boolean;
  focused: boolean;
}

const ServiceView = memo(function ServiceView({ block, width, selected, focused }: ServiceViewProps) {
  const lines = useMemo(
    () => renderServiceBlock(block, width - 1).map((line, i) => withGutter(line, selected && i === 0, focused)),
    [block, width, selected, focused],
  );
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <LineView key={i} line={line} />
      ))}
    </Box>
  );
});

/** Each service: counts, deployments with their rollout state, latest events. */
export function ServicesPane({ services, selectedKey, width, height, focused = false }: ServicesPaneProps) {
  const selected = services.findIndex((s) => s.key === selectedKey);
  const { start, end } = useStickyWindow(services.length, (i) => serviceBlockHeight(services[i]!), selected, height);
  return (
    <Box flexDirection="column" width={width} height={height}>
      {services.slice(start, end).map((block, i) => (
        <ServiceView key={block.key} block={block} width={width} selected={start + i === selected} focused={focused} />
      ))}
    </Box>
  );
}
