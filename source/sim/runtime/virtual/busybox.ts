import { matchesBaseName } from './registry.js';
import { shellImage } from './shell-image.js';

/**
 * busybox and alpine: a shell and its utilities. The container runs its command (`sleep 3600`,
 * `echo hello`, `sh -c "exit 3"`, the sample app's `while true; do date > ...; sleep 1; done`) and
 * ends when the command ends, with its exit status. With no command, the image's `sh` has no
 * input and ends at once with 0, as it does without a terminal.
 */
export const busyboxImage = shellImage({
  name: 'busybox',
  matches: matchesBaseName('busybox', 'alpine'),
  defaultCommand: ['sh'],
});
