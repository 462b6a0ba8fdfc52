import { versionOfTag } from './image-tags.js';
import { matchesBaseName } from './registry.js';
import { serve, shellImage } from './shell-image.js';
import { staticSite } from './static-site.js';

/**
 * The official nginx image: `nginx -g 'daemon off;'` serves /usr/share/nginx/html on port 80
 * with nginx's own welcome, 404 and 405 pages and access log. A command can rewrite the pages
 * first (`echo ... > /usr/share/nginx/html/index.html && nginx -g 'daemon off;'`). Plain
 * `nginx` goes to the background, so the container's process ends, as it does in Docker.
 */
const CURRENT_VERSION = '1.27.4';
const ROOT = '/usr/share/nginx/html';

const WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const ERROR_50X = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

function errorPage(status: string, version: string): string {
  return `<html>\r\n<head><title>${status}</title></head>\r\n<body>\r\n<center><h1>${status}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

export const nginxImage = shellImage({
  name: 'nginx',
  matches: matchesBaseName('nginx'),
  defaultCommand: ['nginx', '-g', 'daemon off;'],
  files: { [`${ROOT}/index.html`]: WELCOME, [`${ROOT}/50x.html`]: ERROR_50X },
  programs: (context) => {
    const version = versionOfTag(context.definition.image, CURRENT_VERSION);
    return {
      nginx: (call) => {
        if (call.args.includes('-v') || call.args.includes('-V')) {
          call.err(`nginx version: nginx/${version}\n`);
          return 0;
        }
        if (call.args.includes('-t')) {
          call.err('nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n');
          return 0;
        }
        const global = call.args[call.args.indexOf('-g') + 1] ?? '';
        if (!call.args.includes('-g') || !/daemon\s+off\s*;/.test(global)) return 0;
        const site = staticSite({
          files: call.machine.files,
          root: ROOT,
          server: `nginx/${version}`,
          notFound: () => errorPage('404 Not Found', version),
          notAllowed: () => errorPage('405 Not Allowed', version),
          logFormat: 'nginx',
          log: (line) => call.out(`${line}\n`),
          now: call.machine.now,
        });
        return serve(context, call, 80, site);
      },
    };
  },
});
