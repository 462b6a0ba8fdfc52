import { matchesBaseName } from './registry.js';
import { versionOfTag } from './image-tags.js';
import { serve, shellImage } from './shell-image.js';
import { formatDate } from './shell-programs.js';
import type { Program } from './shell-run.js';
import { staticSite } from './static-site.js';

/**
 * The official httpd image: `httpd-foreground` serves /usr/local/apache2/htdocs on port 80
 * ("It works!"), with Apache's 404 and 405 pages and access log. ECS's own sample task
 * definition writes its page first: `echo '<html>...' > /usr/local/apache2/htdocs/index.html &&
 * httpd-foreground`, which runs here as it does there.
 */
const CURRENT_VERSION = '2.4.62';
const ROOT = '/usr/local/apache2/htdocs';

function apacheError(title: string, text: string): string {
  return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${title}</title>\n</head><body>\n<h1>${title.replace(/^\d+ /, '')}</h1>\n<p>${text}</p>\n</body></html>\n`;
}

export const httpdImage = shellImage({
  name: 'httpd',
  matches: matchesBaseName('httpd'),
  defaultCommand: ['httpd-foreground'],
  files: { [`${ROOT}/index.html`]: '<html><body><h1>It works!</h1></body></html>\n' },
  programs: (context) => {
    const version = versionOfTag(context.definition.image, CURRENT_VERSION);
    const foreground: Program = (call) => {
      const when = formatDate(call.machine.now(), '%a %b %d %H:%M:%S.000000 %Y');
      call.err(`[${when}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${version} (Unix) configured -- resuming normal operations\n`);
      const site = staticSite({
        files: call.machine.files,
        root: ROOT,
        server: `Apache/${version} (Unix)`,
        notFound: () => apacheError('404 Not Found', 'The requested URL was not found on this server.'),
        notAllowed: (method) => apacheError('405 Method Not Allowed', `The requested method ${method} is not allowed for this URL.`),
        logFormat: 'common',
        log: (line) => call.out(`${line}\n`),
        now: call.machine.now,
      });
      return serve(context, call, 80, site);
    };
    return {
      'httpd-foreground': foreground,
      httpd: (call) => {
        if (call.args.includes('-v')) {
          call.out(`Server version: Apache/${version} (Unix)\n`);
          return 0;
        }
        // Without -D FOREGROUND, httpd detaches and the container's process ends.
        return call.args.join(' ').includes('-D FOREGROUND') ? foreground(call) : 0;
      },
    };
  },
});
