import type { IncomingMessage } from 'node:http';
import { matchesBaseName } from './registry.js';
import { serve, shellImage } from './shell-image.js';
import type { Program } from './shell-run.js';
import { staticSite } from './static-site.js';
import type { VirtualContainerContext } from './virtual-image.js';

/**
 * amazon/amazon-ecs-sample, the PHP sample app of the ECS getting-started guide
 * (awslabs/ecs-demo-php-simple-app): Apache with PHP on port 80, whose index.php says
 * "Simple PHP App" and shows the date that the task's busybox sidecar writes every second to
 * /var/www/my-vol/date through the shared volume `my-vol`. When that file is missing the PHP
 * script dies, and the page stops right there, as the original's does.
 *
 * The original page shows nothing that tells tasks apart. /_ecsh/task is an ecsh addition,
 * named as such on the page: which task, container, instance and zone answered.
 */
const PHP_VERSION = '5.4.16';
const SERVER = 'Apache/2.4.62 ()';
const DATE_FILE = '/var/www/my-vol/date';

const HEAD = `<!DOCTYPE html>
<html lang="en">

    <head>
        <meta charset="utf-8">
        <meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">
        <title>Simple PHP App</title>
        <meta name="viewport" content="width=device-width, initial-scale=1.0">
        <link href="assets/css/bootstrap.min.css" rel="stylesheet">
        <style>body {margin-top: 40px; background-color: #333;}</style>
        <link href="assets/css/bootstrap-responsive.min.css" rel="stylesheet">
        <!--[if lt IE 9]><script src="http://html5shim.googlecode.com/svn/trunk/html5.js"></script><![endif]-->
    </head>

    <body>
        <div class="container">
            <div class="hero-unit">
                <h1>Simple PHP App</h1>
                <h2>Congratulations</h2>
                <p>Your PHP application is now running on a container in Amazon ECS.</p>
                <p>The container is running PHP version ${PHP_VERSION}.</p>
                `;

const TAIL = `
            </div>
        </div>

        <script src="//ajax.googleapis.com/ajax/libs/jquery/1.8.3/jquery.min.js"></script>
        <script src="assets/js/bootstrap.min.js"></script>
    </body>

</html>
`;

/** The page's look without Bootstrap 2 itself: the hero unit it styles (ecsh's stand-in stylesheet). */
const HERO_CSS = `/* ecsh: a stand-in for Bootstrap 2's hero unit, which the sample's page uses */
.container{width:940px;margin:0 auto;font-family:"Helvetica Neue",Helvetica,Arial,sans-serif}
.hero-unit{padding:60px;margin-bottom:30px;background-color:#eee;border-radius:6px;color:inherit;line-height:30px}
.hero-unit h1{margin-bottom:0;font-size:60px;line-height:1;letter-spacing:-1px}
`;

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** The ecsh addition: which task answered. */
function whoAnswered(context: VirtualContainerContext, req: IncomingMessage): string {
  const { task, container, instance } = context;
  const rows: Array<[string, string | undefined]> = [
    ['Task', task.taskArn],
    ['Container', container.name],
    ['Container instance', instance?.containerInstanceArn],
    ['EC2 instance', instance?.ec2InstanceId],
    ['Availability zone', task.availabilityZone],
    ['Answered on', `${req.socket.localAddress}:${req.socket.localPort}`],
  ];
  const list = rows.map(([k, v]) => `<dt>${k}</dt><dd>${escape(v ?? '-')}</dd>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>ecsh addition: which task answered</title>
<style>body {margin-top: 40px; background-color: #333; color: #eee; font-family: sans-serif;} dt {font-weight: bold;}</style></head>
<body>
<h1>Which task answered</h1>
<p>This page is an ecsh addition: it is not part of amazon/amazon-ecs-sample, whose page looks the same from every task.</p>
<dl>
${list}
</dl>
</body>
</html>
`;
}

export const ecsSampleAppImage = shellImage({
  name: 'amazon/amazon-ecs-sample',
  matches: matchesBaseName('amazon-ecs-sample'),
  defaultCommand: ['/usr/sbin/apache2', '-D', 'FOREGROUND'],
  files: {
    '/var/www/html/assets/css/bootstrap.min.css': HERO_CSS,
    '/var/www/html/assets/css/bootstrap-responsive.min.css': '',
    '/var/www/html/assets/js/bootstrap.min.js': '',
  },
  programs: (context) => {
    const apache: Program = (call) => {
      // Without -D FOREGROUND, Apache detaches and the container's process ends.
      if (!call.args.join(' ').includes('-D FOREGROUND')) return 0;
      const index = () => {
        const date = call.machine.files.read(DATE_FILE);
        const headers = { 'x-powered-by': `PHP/${PHP_VERSION}` };
        return { body: date === undefined ? HEAD : `${HEAD}${date}${TAIL}`, headers };
      };
      const site = staticSite({
        files: call.machine.files,
        root: '/var/www/html',
        server: SERVER,
        notFound: () => `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`,
        notAllowed: (method) => `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>405 Method Not Allowed</title>\n</head><body>\n<h1>Method Not Allowed</h1>\n<p>The requested method ${method} is not allowed for this URL.</p>\n</body></html>\n`,
        logFormat: 'common',
        log: (line) => call.out(`${line}\n`),
        now: call.machine.now,
        dynamic: { '/': index, '/index.php': index, '/_ecsh/task': (req) => ({ body: whoAnswered(context, req) }) },
      });
      return serve(context, call, 80, site);
    };
    return { apache2: apache, httpd: apache };
  },
});
