import { busyboxImage } from './busybox.js';
import { ecsSampleAppImage } from './ecs-sample-app.js';
import { genericPageImage } from './generic-page.js';
import { httpdImage } from './httpd.js';
import { nginxImage } from './nginx.js';
import { findRegisteredImage } from './registry.js';
import type { VirtualImage } from './virtual-image.js';

const BUILTIN_IMAGES: VirtualImage[] = [ecsSampleAppImage, nginxImage, httpdImage, busyboxImage];

/** What runs `image`: a registered image, else a built-in one, else the generic page. */
export function imageFor(image: string): VirtualImage {
  return findRegisteredImage(image) ?? BUILTIN_IMAGES.find((candidate) => candidate.matches(image)) ?? genericPageImage;
}
