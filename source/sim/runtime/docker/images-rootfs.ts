import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The root file system of ecsh's demo images: a static busybox with its applets, and the
 * scripts and pages that make it a page server (standing in for nginx and httpd), the ECS PHP
 * sample page (through CGI, standing in for Apache with PHP) and a sleeper. Every long-running
 * script traps SIGTERM: a shell that is PID 1 ignores it otherwise, and StopTask would then wait
 * the whole stopTimeout for the SIGKILL, where the real images stop at once.
 */
const WEB_SERVER = `#!/bin/sh
# ecsh's page server: busybox httpd standing in for \${ECSH_STANDS_IN_FOR:-a web server}.
trap 'exit 0' TERM INT
echo "ecsh: busybox httpd on port 80 standing in for \${ECSH_STANDS_IN_FOR:-a web server}"
httpd -f -v -p 80 -h /usr/share/nginx/html &
wait
`;

/** The page at /, through busybox httpd's index.cgi: the image's welcome, and which container answered. */
const WELCOME_PAGE = `#!/bin/sh
printf 'Content-Type: text/html\\r\\n\\r\\n'
if [ "$ECSH_STANDS_IN_FOR" = httpd ]; then
  echo '<html><body><h1>It works!</h1>'
else
  echo '<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1>'
  echo '<p>If you see this page, the nginx web server is successfully installed and working.</p>'
fi
echo "<p><em>ecsh: busybox httpd standing in for \${ECSH_STANDS_IN_FOR:-a web server}, in container $(hostname).</em></p>"
echo '</body></html>'
`;

const PHP_SERVER = `#!/bin/sh
# ecsh's stand-in for Apache with PHP: busybox httpd serving the sample's page through CGI.
trap 'exit 0' TERM INT
echo "ecsh: busybox httpd on port 80 serving the ECS PHP sample page"
httpd -f -v -p 80 -h /var/www/html &
wait
`;

/** awslabs/ecs-demo-php-simple-app's index.php as it renders; without the sidecar's date file it stops there, as PHP's die() does. */
const PHP_PAGE = `#!/bin/sh
printf 'Content-Type: text/html\\r\\n\\r\\n'
cat <<'PAGE'
<!DOCTYPE html>
<html lang="en">
    <head>
        <meta charset="utf-8">
        <title>Simple PHP App</title>
        <style>body {margin-top: 40px; background-color: #333;}</style>
    </head>
    <body>
        <div class="container">
            <div class="hero-unit">
                <h1>Simple PHP App</h1>
                <h2>Congratulations</h2>
                <p>Your PHP application is now running on a container in Amazon ECS.</p>
                <p>The container is running PHP version 5.4.16.</p>
PAGE
echo "<!-- ecsh: busybox CGI standing in for Apache and PHP, in container $(hostname) -->"
[ -f /var/www/my-vol/date ] || exit 0
cat /var/www/my-vol/date
cat <<'PAGE'
            </div>
        </div>
    </body>
</html>
PAGE
`;

const SLEEPER = `#!/bin/sh
# Sleeps until stopped.
trap 'exit 0' TERM INT
while :; do sleep 3600 & wait $!; done
`;

const PASSWD = 'root:x:0:0:root:/root:/bin/sh\nwww-data:x:33:33:www-data:/var/www:/bin/false\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n';
const GROUP = 'root:x:0:\nwww-data:x:33:\nnogroup:x:65534:\n';

function write(root: string, path: string, text: string, mode = 0o644): void {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  chmodSync(file, mode);
}

function link(root: string, path: string, target: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  symlinkSync(target, join(root, path));
}

/** Lays the root file system out in `root` (an empty directory) around the busybox at `busybox`. */
export function layOutRootfs(root: string, busybox: string): void {
  mkdirSync(join(root, 'bin'), { recursive: true });
  copyFileSync(busybox, join(root, 'bin/busybox'));
  chmodSync(join(root, 'bin/busybox'), 0o755);
  const applets = execFileSync(busybox, ['--list'], { encoding: 'utf8' }).split('\n').filter((name) => name && name !== 'busybox');
  for (const applet of applets) link(root, `bin/${applet}`, 'busybox');
  for (const dir of ['root', 'var/www/my-vol', 'run', 'proc', 'sys', 'dev', 'etc']) mkdirSync(join(root, dir), { recursive: true });
  mkdirSync(join(root, 'tmp'), { recursive: true });
  chmodSync(join(root, 'tmp'), 0o1777);
  write(root, 'etc/passwd', PASSWD);
  write(root, 'etc/group', GROUP);
  write(root, 'usr/local/bin/ecsh-web', WEB_SERVER, 0o755);
  write(root, 'usr/share/nginx/html/cgi-bin/index.cgi', WELCOME_PAGE, 0o755);
  link(root, 'usr/sbin/nginx', '/usr/local/bin/ecsh-web');
  link(root, 'usr/local/bin/httpd-foreground', '/usr/local/bin/ecsh-web');
  link(root, 'usr/local/apache2/htdocs', '/usr/share/nginx/html');
  write(root, 'usr/sbin/apache2', PHP_SERVER, 0o755);
  write(root, 'var/www/html/cgi-bin/index.cgi', PHP_PAGE, 0o755);
  write(root, 'usr/local/bin/ecsh-sleep', SLEEPER, 0o755);
}
