import { createHash, createHmac, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { jwkBytes, sshAlgorithm, sshMpint, sshPublicBlob, sshString, uint32, wrapBase64, type SshKeyType } from './ssh-wire.js';

/**
 * The keys CreateKeyPair makes and the fingerprints EC2 shows for them. The private key
 * leaves in the answer and is never kept: the sandbox stores only the public key and the
 * fingerprint, as EC2 does.
 */

export type KeyFormat = 'pem' | 'ppk';

export interface GeneratedKey {
  /** The private key file's text, in the format asked for. */
  keyMaterial: string;
  /** The public key as an OpenSSH line, with the key's name as its comment. */
  publicKey: string;
  keyFingerprint: string;
}

/** EC2 makes 2048-bit RSA keys. */
const RSA_BITS = 2048;

export function generateKey(type: SshKeyType, format: KeyFormat, name: string): GeneratedKey {
  const { privateKey, publicKey } = type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: RSA_BITS }) : generateKeyPairSync('ed25519');
  const blob = sshPublicBlob(publicKey);
  return {
    keyMaterial: format === 'ppk' ? puttyKeyFile(type, privateKey, blob, name) : pemKeyFile(type, privateKey, blob, name),
    publicKey: `${sshAlgorithm(type)} ${blob.toString('base64')} ${name}`,
    keyFingerprint: type === 'rsa' ? colonHex('sha1', privateKey.export({ type: 'pkcs8', format: 'der' })) : sha256Fingerprint(blob),
  };
}

/** A digest as EC2 shows RSA fingerprints: hex bytes joined by colons. */
export function colonHex(algorithm: 'md5' | 'sha1', bytes: Buffer): string {
  return createHash(algorithm).update(bytes).digest('hex').match(/../g)!.join(':');
}

/** OpenSSH's fingerprint since 6.8: SHA-256 of the public key's wire form, in base64. */
export function sha256Fingerprint(blob: Buffer): string {
  return createHash('sha256').update(blob).digest('base64');
}

/** An imported key's fingerprint: MD5 of the DER public key for RSA, SHA-256 for ED25519. */
export function importedFingerprint(type: SshKeyType, key: KeyObject, blob: Buffer): string {
  return type === 'rsa' ? colonHex('md5', key.export({ type: 'spki', format: 'der' })) : sha256Fingerprint(blob);
}

/**
 * RSA keys come as PKCS#1 PEM (`BEGIN RSA PRIVATE KEY`) and ED25519 keys as an OpenSSH
 * private key file, the two forms EC2 hands out and `ssh -i` reads.
 */
function pemKeyFile(type: SshKeyType, privateKey: KeyObject, blob: Buffer, comment: string): string {
  if (type === 'rsa') return privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  return openSshKeyFile(privateKey, blob, comment);
}

/** OpenSSH's own private key format (PROTOCOL.key), unencrypted, with one ED25519 key. */
function openSshKeyFile(privateKey: KeyObject, blob: Buffer, comment: string): string {
  const jwk = privateKey.export({ format: 'jwk' });
  const publicBytes = jwkBytes(jwk.x);
  const check = randomBytes(4).readUInt32BE();
  const keys = Buffer.concat([
    uint32(check),
    uint32(check),
    sshString('ssh-ed25519'),
    sshString(publicBytes),
    sshString(Buffer.concat([jwkBytes(jwk.d), publicBytes])),
    sshString(comment),
  ]);
  const file = Buffer.concat([
    Buffer.from('openssh-key-v1\0', 'latin1'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    uint32(1),
    sshString(blob),
    sshString(padded(keys, 8)),
  ]);
  return ['-----BEGIN OPENSSH PRIVATE KEY-----', ...wrapBase64(file, 70), '-----END OPENSSH PRIVATE KEY-----', ''].join('\n');
}

/** Pads to a whole number of cipher blocks with 1, 2, 3, ... as OpenSSH does. */
function padded(bytes: Buffer, block: number): Buffer {
  const count = (block - (bytes.length % block)) % block;
  return Buffer.concat([bytes, Buffer.from(Array.from({ length: count }, (_, i) => i + 1))]);
}

/**
 * A PuTTY key file (PPK version 2), unencrypted. Its MAC covers the algorithm, encryption,
 * comment and both key blobs, keyed with SHA-1 of the fixed string and the empty passphrase.
 */
function puttyKeyFile(type: SshKeyType, privateKey: KeyObject, blob: Buffer, comment: string): string {
  const jwk = privateKey.export({ format: 'jwk' });
  const privateBlob =
    type === 'rsa'
      ? Buffer.concat([sshMpint(jwkBytes(jwk.d)), sshMpint(jwkBytes(jwk.p)), sshMpint(jwkBytes(jwk.q)), sshMpint(jwkBytes(jwk.qi))])
      : sshString(jwkBytes(jwk.d));
  const algorithm = sshAlgorithm(type);
  const macKey = createHash('sha1').update('putty-private-key-file-mac-key').digest();
  const macData = Buffer.concat([sshString(algorithm), sshString('none'), sshString(comment), sshString(blob), sshString(privateBlob)]);
  const mac = createHmac('sha1', macKey).update(macData).digest('hex');
  const publicLines = wrapBase64(blob, 64);
  const privateLines = wrapBase64(privateBlob, 64);
  return [
    `PuTTY-User-Key-File-2: ${algorithm}`,
    'Encryption: none',
    `Comment: ${comment}`,
    `Public-Lines: ${publicLines.length}`,
    ...publicLines,
    `Private-Lines: ${privateLines.length}`,
    ...privateLines,
    `Private-MAC: ${mac}`,
    '',
  ].join('\n');
}
