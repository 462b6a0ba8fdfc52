import { createPublicKey, type KeyObject } from 'node:crypto';

/**
 * SSH's binary encoding of keys (RFC 4251 and 4253): a string or an mpint is a 4-byte
 * big-endian length, then its bytes. OpenSSH public keys, OpenSSH private key files and
 * PuTTY key files are all built from it.
 */

export function uint32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes;
}

export function sshString(value: Buffer | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  return Buffer.concat([uint32(bytes.length), bytes]);
}

/** An unsigned big-endian integer as an mpint: no leading zeros, but a zero byte where the sign bit would be set. */
export function sshMpint(unsigned: Buffer): Buffer {
  const digits = withoutLeadingZeros(unsigned);
  const signed = digits.length > 0 && digits[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), digits]) : digits;
  return sshString(signed);
}

/** The JWK fields node:crypto exports, as bytes. */
export function jwkBytes(value: string | undefined): Buffer {
  return Buffer.from(value ?? '', 'base64url');
}

export type SshKeyType = 'rsa' | 'ed25519';

const ALGORITHMS: Record<SshKeyType, string> = { rsa: 'ssh-rsa', ed25519: 'ssh-ed25519' };

export function sshAlgorithm(type: SshKeyType): string {
  return ALGORITHMS[type];
}

/** A public key in SSH's wire format: what the base64 part of an OpenSSH public key line holds. */
export function sshPublicBlob(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty === 'RSA') return Buffer.concat([sshString('ssh-rsa'), sshMpint(jwkBytes(jwk.e)), sshMpint(jwkBytes(jwk.n))]);
  return Buffer.concat([sshString('ssh-ed25519'), sshString(jwkBytes(jwk.x))]);
}

/** Reads SSH-encoded fields in order; running past the end throws. */
class SshReader {
  private offset = 0;

  constructor(private readonly bytes: Buffer) {}

  string(): Buffer {
    if (this.offset + 4 > this.bytes.length) throw new RangeError('truncated');
    const length = this.bytes.readUInt32BE(this.offset);
    const start = this.offset + 4;
    if (start + length > this.bytes.length) throw new RangeError('truncated');
    this.offset = start + length;
    return this.bytes.subarray(start, start + length);
  }

  get done(): boolean {
    return this.offset === this.bytes.length;
  }
}

export interface SshPublicKey {
  type: SshKeyType;
  key: KeyObject;
  /** The key in SSH's wire format. */
  blob: Buffer;
  /** The text after the key on its line, often user@host. */
  comment: string;
}

const ED25519_KEY_BYTES = 32;

/**
 * An OpenSSH public key line (`ssh-rsa AAAA... comment`), checked all the way through: the
 * named algorithm matches the one inside the blob, and the numbers make a key. Undefined
 * for anything else, including key types EC2 does not take (ECDSA, DSA).
 */
export function parseOpenSshPublicKey(text: string): SshPublicKey | undefined {
  const match = /^(ssh-rsa|ssh-ed25519)\s+([A-Za-z0-9+/]+={0,2})(?:\s+(.*))?$/.exec(text.trim());
  if (!match) return undefined;
  const blob = Buffer.from(match[2]!, 'base64');
  try {
    const reader = new SshReader(blob);
    const algorithm = reader.string().toString('latin1');
    if (algorithm !== match[1]) return undefined;
    let key: KeyObject;
    if (algorithm === 'ssh-rsa') {
      const e = withoutLeadingZeros(reader.string());
      const n = withoutLeadingZeros(reader.string());
      if (e.length === 0 || n.length === 0) return undefined;
      key = createPublicKey({ key: { kty: 'RSA', e: e.toString('base64url'), n: n.toString('base64url') }, format: 'jwk' });
    } else {
      const x = reader.string();
      if (x.length !== ED25519_KEY_BYTES) return undefined;
      key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: x.toString('base64url') }, format: 'jwk' });
    }
    if (!reader.done) return undefined;
    return { type: algorithm === 'ssh-rsa' ? 'rsa' : 'ed25519', key, blob, comment: match[3]?.trim() ?? '' };
  } catch {
    return undefined;
  }
}

function withoutLeadingZeros(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length && bytes[start] === 0) start++;
  return bytes.subarray(start);
}

/** Base64 in lines of `width` characters, as key files wrap it. */
export function wrapBase64(bytes: Buffer, width: number): string[] {
  const text = bytes.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return lines;
}
