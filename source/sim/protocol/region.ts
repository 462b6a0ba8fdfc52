/**
 * The region and service of a request, from the SigV4 credential scope
 * (`Credential=AKID/20260101/eu-west-1/ecs/aws4_request`). Signatures are not checked.
 */
export interface Scope {
  region: string;
  service?: string;
}

const CREDENTIAL = /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/;

export function scopeOf(authorization: string | undefined, fallbackRegion = 'us-east-1'): Scope {
  const match = authorization ? CREDENTIAL.exec(authorization) : null;
  if (!match) return { region: fallbackRegion };
  return { region: match[1]!, service: match[2] };
}
