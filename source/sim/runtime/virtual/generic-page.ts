import type { IncomingMessage, ServerResponse } from 'node:http';
import { forever, shellImage } from './shell-image.js';
import type { VirtualContainerContext } from './virtual-image.js';

/**
 * Any image the virtual runtime does not emulate. On each of its published TCP ports it serves
 * a page naming the container, its task, instance and zone, so that every task can be reached;
 * its command runs as far as the shell and its utilities go (`sh -c "exit 1"` still ends it), and
 * a program of the image itself is taken to run until the container is stopped.
 */
function describe(context: VirtualContainerContext, containerPort: number): Array<[string, string]> {
  const { task, container, instance } = context;
  return [
    ['container', container.name],
    ['image', container.image],
    ['task', task.id],
    ['task ARN', task.taskArn],
    ['container port', String(containerPort)],
    ['instance', instance?.ec2InstanceId ?? instance?.containerInstanceArn ?? '-'],
    ['availability zone', task.availabilityZone ?? '-'],
  ];
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function page(context: VirtualContainerContext, containerPort: number) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const facts = describe(context, containerPort);
    const note = `ecsh's virtual runtime does not emulate ${context.container.image}; this page stands in for it.`;
    const html = (req.headers.accept ?? '').includes('text/html');
    const body = html
      ? `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escape(context.container.name)}</title></head><body>\n<h1>${escape(context.container.name)}</h1>\n<dl>\n${facts.map(([k, v]) => `<dt>${k}</dt><dd>${escape(v)}</dd>`).join('\n')}\n</dl>\n<p>${escape(note)}</p>\n</body></html>\n`
      : `${facts.map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${note}\n`;
    res.writeHead(200, { 'content-type': html ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

export const genericPageImage = shellImage({
  name: 'generic page',
  matches: () => true,
  defaultCommand: [],
  unknownProgram: forever,
  async serveAtStart(context) {
    for (const port of context.ports) {
      if (port.protocol === 'tcp') await context.listen(port.containerPort, page(context, port.containerPort));
    }
  },
});
