import { createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateKeyPairCommand,
  CreateTagsCommand,
  DeleteKeyPairCommand,
  DeleteTagsCommand,
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  EC2Client,
  ImportKeyPairCommand,
  type KeyPairInfo,
} from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, startTestSandbox, TEST_CREDENTIALS, type TestSandbox } from '../../support/sandbox.js';
import { runInstances } from './fixtures.js';

let t: TestSandbox;
beforeEach(async () => {
  t = await startTestSandbox();
});
afterEach(() => t.close());

/** SSH's length-prefixed fields, to build and read keys the way OpenSSH does. */
function field(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

function mpint(bytes: Buffer): Buffer {
  return field(bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function fields(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at + 4 <= bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    out.push(bytes.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return out;
}

/** A public key as an OpenSSH line's base64 part, built independently of the sandbox. */
function sshBlob(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  const bytes = (v?: string) => Buffer.from(v!, 'base64url');
  if (jwk.kty === 'RSA') return Buffer.concat([field(Buffer.from('ssh-rsa')), mpint(bytes(jwk.e)), mpint(bytes(jwk.n))]);
  return Buffer.concat([field(Buffer.from('ssh-ed25519')), field(bytes(jwk.x))]);
}

const colonHex = (algorithm: string, bytes: Buffer) => createHash(algorithm).update(bytes).digest('hex').match(/../g)!.join(':');
const blobOf = (publicKeyLine: string) => Buffer.from(publicKeyLine.split(' ')[1]!, 'base64');

async function describeKeys(input: ConstructorParameters<typeof DescribeKeyPairsCommand>[0] = {}): Promise<KeyPairInfo[]> {
  return (await t.ec2.send(new DescribeKeyPairsCommand(input))).KeyPairs ?? [];
}

describe('CreateKeyPair', () => {
  it('makes a 2048-bit RSA key by default, fingerprinted as SHA-1 of its PKCS#8 form, and keeps only the public key', async () => {
    const created = await t.ec2.send(new CreateKeyPairCommand({ KeyName: 'web' }));
    expect(created.KeyName).toBe('web');
    expect(created.KeyPairId).toMatch(/^key-[0-9a-f]{17}$/);
    expect(created.KeyMaterial).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    const privateKey = createPrivateKey(created.KeyMaterial!);
    expect(privateKey.asymmetricKeyDetails!.modulusLength).toBe(2048);
    expect(created.KeyFingerprint).toBe(colonHex('sha1', privateKey.export({ type: 'pkcs8', format: 'der' })));

    const [described] = await describeKeys({ KeyNames: ['web'] });
    expect(described).toMatchObject({ KeyName: 'web', KeyPairId: created.KeyPairId, KeyType: 'rsa', KeyFingerprint: created.KeyFingerprint, Tags: [] });
    expect(described!.CreateTime).toEqual(new Date(t.clock.now()));
    expect(described!.PublicKey).toBeUndefined();

    const [withKey] = await describeKeys({ KeyNames: ['web'], IncludePublicKey: true });
    expect(withKey!.PublicKey).toBe(`ssh-rsa ${sshBlob(createPublicKey(privateKey)).toString('base64')} web`);
  });

  it('makes ED25519 keys as an OpenSSH key file, fingerprinted as base64 SHA-256', async () => {
    const created = await t.ec2.send(new CreateKeyPairCommand({ KeyName: 'edge', KeyType: 'ed25519' }));
    const body = created.KeyMaterial!.match(/^-----BEGIN OPENSSH PRIVATE KEY-----\n([\s\S]+)\n-----END OPENSSH PRIVATE KEY-----\n$/)![1]!;
    const file = Buffer.from(body.replace(/\n/g, ''), 'base64');
    expect(file.subarray(0, 15).toString('latin1')).toBe('openssh-key-v1\0');
    const [cipher, kdf, kdfOptions] = fields(file.subarray(15));
    expect([cipher!.toString(), kdf!.toString(), kdfOptions!.length]).toEqual(['none', 'none', 0]);
    // After the three strings: the number of keys (1), then the public key and the private section.
    const afterHeader = 15 + (4 + 4) + (4 + 4) + 4 + 4;
    expect(file.readUInt32BE(afterHeader - 4)).toBe(1);
    const [publicBlob, privateSection] = fields(file.subarray(afterHeader));
    // Two equal check numbers (how ssh tells a right passphrase), the key, padding to whole cipher blocks.
    expect(privateSection!.readUInt32BE(0)).toBe(privateSection!.readUInt32BE(4));
    expect(privateSection!.length % 8).toBe(0);
    const [type, publicBytes, secret, comment] = fields(privateSection!.subarray(8));
    expect(type!.toString()).toBe('ssh-ed25519');
    expect(comment!.toString()).toBe('edge');

    // The file's secret signs what its public key verifies, and that key is the one EC2 shows.
    const jwk = { kty: 'OKP', crv: 'Ed25519', d: secret!.subarray(0, 32).toString('base64url'), x: publicBytes!.toString('base64url') };
    const signature = sign(null, Buffer.from('hello'), createPrivateKey({ key: jwk, format: 'jwk' }));
    expect(verify(null, Buffer.from('hello'), createPublicKey({ key: { ...jwk, d: undefined }, format: 'jwk' }), signature)).toBe(true);
    const [described] = await describeKeys({ KeyPairIds: [created.KeyPairId!], IncludePublicKey: true });
    expect(described!.KeyType).toBe('ed25519');
    expect(blobOf(described!.PublicKey!)).toEqual(publicBlob);
    expect(created.KeyFingerprint).toBe(createHash('sha256').update(publicBlob!).digest('base64'));
  });

  it('writes PuTTY key files whose MAC PuTTY accepts', async () => {
    const created = await t.ec2.send(new CreateKeyPairCommand({ KeyName: 'putty', KeyFormat: 'ppk' }));
    const lines = created.KeyMaterial!.trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual(['PuTTY-User-Key-File-2: ssh-rsa', 'Encryption: none', 'Comment: putty']);
    const publicCount = Number(lines[3]!.replace('Public-Lines: ', ''));
    const publicBlob = Buffer.from(lines.slice(4, 4 + publicCount).join(''), 'base64');
    const privateCount = Number(lines[4 + publicCount]!.replace('Private-Lines: ', ''));
    const privateBlob = Buffer.from(lines.slice(5 + publicCount, 5 + publicCount + privateCount).join(''), 'base64');
    expect(fields(privateBlob)).toHaveLength(4);
    const macKey = createHash('sha1').update('putty-private-key-file-mac-key').digest();
    const macData = Buffer.concat(['ssh-rsa', 'none', 'putty'].map((s) => field(Buffer.from(s))).concat(field(publicBlob), field(privateBlob)));
    expect(lines.at(-1)).toBe(`Private-MAC: ${createHmac('sha1', macKey).update(macData).digest('hex')}`);
    const [described] = await describeKeys({ KeyNames: ['putty'], IncludePublicKey: true });
    expect(blobOf(described!.PublicKey!)).toEqual(publicBlob);
  });

  it('refuses a name the region already has, a missing name and an unknown key type', async () => {
    await t.ec2.send(new CreateKeyPairCommand({ KeyName: 'web' }));
    const duplicate = await errorOf(t.ec2.send(new CreateKeyPairCommand({ KeyName: 'web', KeyType: 'ed25519' })));
    expect([duplicate.name, duplicate.message]).toEqual(['InvalidKeyPair.Duplicate', "The keypair 'web' already exists."]);
    expect((await errorOf(t.ec2.send(new CreateKeyPairCommand({ KeyName: '' })))).name).toBe('MissingParameter');
    const badType = await errorOf(t.ec2.send(new CreateKeyPairCommand({ KeyName: 'x', KeyType: 'dsa' as never })));
    expect(badType.name).toBe('InvalidParameterValue');
    expect(badType.message).toContain('rsa, ed25519');
    expect(await describeKeys()).toHaveLength(1);
  });

  it('keeps key pairs per region: the same name may exist in two', async () => {
    await t.ec2.send(new CreateKeyPairCommand({ KeyName: 'web' }));
    const eu = new EC2Client({ endpoint: t.running.url, region: 'eu-west-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    try {
      expect((await eu.send(new DescribeKeyPairsCommand({}))).KeyPairs).toEqual([]);
      await eu.send(new CreateKeyPairCommand({ KeyName: 'web' }));
      expect((await eu.send(new DescribeKeyPairsCommand({}))).KeyPairs).toHaveLength(1);
    } finally {
      eu.destroy();
    }
  });
});

describe('ImportKeyPair', () => {
  it('takes an OpenSSH RSA public key and fingerprints it as MD5 of the DER public key', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
    const line = `ssh-rsa ${sshBlob(publicKey).toString('base64')} me@laptop`;
    const imported = await t.ec2.send(new ImportKeyPairCommand({ KeyName: 'laptop', PublicKeyMaterial: Buffer.from(line) }));
    expect(imported.KeyPairId).toMatch(/^key-[0-9a-f]{17}$/);
    expect(imported.KeyFingerprint).toBe(colonHex('md5', publicKey.export({ type: 'spki', format: 'der' })));
    const [described] = await describeKeys({ KeyNames: ['laptop'], IncludePublicKey: true });
    expect(described).toMatchObject({ KeyType: 'rsa', KeyFingerprint: imported.KeyFingerprint, PublicKey: line });
  });

  it('takes ED25519 keys, fingerprinted as base64 SHA-256, with their tags', async () => {
    const blob = sshBlob(generateKeyPairSync('ed25519').publicKey);
    const imported = await t.ec2.send(
      new ImportKeyPairCommand({
        KeyName: 'ed',
        PublicKeyMaterial: Buffer.from(`ssh-ed25519 ${blob.toString('base64')}\n`),
        TagSpecifications: [{ ResourceType: 'key-pair', Tags: [{ Key: 'team', Value: 'web' }] }],
      }),
    );
    expect(imported.KeyFingerprint).toBe(createHash('sha256').update(blob).digest('base64'));
    expect(imported.Tags).toEqual([{ Key: 'team', Value: 'web' }]);
    expect((await describeKeys({ KeyNames: ['ed'] }))[0]!.KeyType).toBe('ed25519');
  });

  it('refuses what is not an OpenSSH public key, and a name already taken', async () => {
    const rsaBlob = sshBlob(generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey);
    const bad = [
      'not a key',
      `ssh-ed25519 ${rsaBlob.toString('base64')}`,
      `ssh-rsa ${rsaBlob.subarray(0, 40).toString('base64')}`,
      `ecdsa-sha2-nistp256 ${rsaBlob.toString('base64')}`,
    ];
    for (const text of bad) {
      const error = await errorOf(t.ec2.send(new ImportKeyPairCommand({ KeyName: 'k', PublicKeyMaterial: Buffer.from(text) })));
      expect([error.name, error.message], text).toEqual(['InvalidKey.Format', 'Key is not in valid OpenSSH public key format']);
    }
    await t.ec2.send(new CreateKeyPairCommand({ KeyName: 'taken' }));
    const duplicate = await errorOf(t.ec2.send(new ImportKeyPairCommand({ KeyName: 'taken', PublicKeyMaterial: Buffer.from(`ssh-rsa ${rsaBlob.toString('base64')}`) })));
    expect([duplicate.name, duplicate.message]).toEqual(['InvalidKeyPair.Duplicate', "The keypair 'taken' already exists."]);
  });
});

describe('DescribeKeyPairs', () => {
  it('filters by name, id, fingerprint and tag, and names a key that is not there', async () => {
    const web = await t.ec2.send(
      new CreateKeyPairCommand({ KeyName: 'web-1', TagSpecifications: [{ ResourceType: 'key-pair', Tags: [{ Key: 'team', Value: 'web' }] }] }),
    );
    const api = await t.ec2.send(new CreateKeyPairCommand({ KeyName: 'api-1', KeyType: 'ed25519' }));
    const names = async (filters: { Name: string; Values: string[] }[]) => (await describeKeys({ Filters: filters })).map((k) => k.KeyName);

    expect(await names([])).toEqual(['web-1', 'api-1']);
    expect(await names([{ Name: 'key-name', Values: ['web-*'] }])).toEqual(['web-1']);
    expect(await names([{ Name: 'key-pair-id', Values: [api.KeyPairId!] }])).toEqual(['api-1']);
    expect(await names([{ Name: 'fingerprint', Values: [web.KeyFingerprint!] }])).toEqual(['web-1']);
    expect(await names([{ Name: 'tag:team', Values: ['web'] }])).toEqual(['web-1']);
    expect(await names([{ Name: 'tag-key', Values: ['team'] }, { Name: 'key-name', Values: ['api-*'] }])).toEqual([]);
    expect((await describeKeys({ KeyNames: ['api-1'], KeyPairIds: [web.KeyPairId!] })).map((k) => k.KeyName)).toEqual(['web-1', 'api-1']);
    expect((await describeKeys({ KeyNames: ['web-1'] }))[0]!.Tags).toEqual([{ Key: 'team', Value: 'web' }]);

    const missing = await errorOf(describeKeys({ KeyNames: ['web-1', 'gone'] }));
    expect([missing.name, missing.message]).toEqual(['InvalidKeyPair.NotFound', "The key pair 'gone' does not exist"]);
    expect((await errorOf(describeKeys({ KeyPairIds: ['key-0123456789abcdef0'] }))).name).toBe('InvalidKeyPair.NotFound');
    expect((await errorOf(describeKeys({ Filters: [{ Name: 'colour', Values: ['x'] }] }))).name).toBe('InvalidParameterValue');
  });
});

describe('DeleteKeyPair', () => {
  it('deletes by name or by id, and succeeds for a key that is not there', async () => {
    await t.ec2.send(new CreateKeyPairCommand({ KeyName: 'a' }));
    const b = await t.ec2.send(new CreateKeyPairCommand({ KeyName: 'b' }));
    const byName = await t.ec2.send(new DeleteKeyPairCommand({ KeyName: 'a' }));
    expect(byName.Return).toBe(true);
    const byId = await t.ec2.send(new DeleteKeyPairCommand({ KeyPairId: b.KeyPairId }));
    expect([byId.Return, byId.KeyPairId]).toEqual([true, b.KeyPairId]);
    expect(await describeKeys()).toEqual([]);
    expect((await t.ec2.send(new DeleteKeyPairCommand({ KeyName: 'a' }))).Return).toBe(true);
    expect((await errorOf(describeKeys({ KeyNames: ['a'] }))).name).toBe('InvalidKeyPair.NotFound');
    expect((await errorOf(t.ec2.send(new DeleteKeyPairCommand({})))).name).toBe('MissingParameter');
    // The name is free again.
    await t.ec2.send(new CreateKeyPairCommand({ KeyName: 'a' }));
  });
});

describe('tags on key pairs', () => {
  it('takes and drops tags by key pair id, and filters on them', async () => {
    const { KeyPairId } = await t.ec2.send(new CreateKeyPairCommand({ KeyName: 'tagged' }));
    await t.ec2.send(new CreateTagsCommand({ Resources: [KeyPairId!], Tags: [{ Key: 'team', Value: 'web' }] }));
    const found = await t.ec2.send(new DescribeKeyPairsCommand({ Filters: [{ Name: 'tag:team', Values: ['web'] }] }));
    expect(found.KeyPairs!.map((k) => [k.KeyName, k.Tags])).toEqual([['tagged', [{ Key: 'team', Value: 'web' }]]]);
    await t.ec2.send(new DeleteTagsCommand({ Resources: [KeyPairId!], Tags: [{ Key: 'team' }] }));
    expect((await t.ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['tagged'] }))).KeyPairs![0]!.Tags).toEqual([]);
    const missing = await errorOf(t.ec2.send(new CreateTagsCommand({ Resources: ['key-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] })));
    expect([missing.name, missing.message]).toEqual(['InvalidKeyPair.NotFound', "The key pair 'key-0123456789abcdef0' does not exist"]);
  });
});

describe('RunInstances with a key pair', () => {
  it('refuses a key name the region does not have, and launches nothing', async () => {
    const error = await errorOf(runInstances(t, { KeyName: 'nope' }));
    expect([error.name, error.message]).toEqual(['InvalidKeyPair.NotFound', "The key pair 'nope' does not exist"]);
    expect((await t.ec2.send(new DescribeInstancesCommand({}))).Reservations).toEqual([]);
  });

  it('launches with a key the region has, and DescribeInstances shows and filters by it', async () => {
    await t.ec2.send(new CreateKeyPairCommand({ KeyName: 'ops' }));
    const [instance] = await runInstances(t, { KeyName: 'ops' });
    expect(instance!.KeyName).toBe('ops');
    const out = await t.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'key-name', Values: ['ops'] }] }));
    expect(out.Reservations!.flatMap((r) => r.Instances!.map((i) => i.InstanceId))).toEqual([instance!.InstanceId]);
  });
});

describe('persistence', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ecsh-key-pairs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps key pairs, with their fingerprints and public keys, across a restart', async () => {
    const state = join(dir, 'state.json');
    const first = await startTestSandbox({ state });
    await first.ec2.send(new CreateKeyPairCommand({ KeyName: 'kept', KeyType: 'ed25519' }));
    const before = (await first.ec2.send(new DescribeKeyPairsCommand({ IncludePublicKey: true }))).KeyPairs;
    await first.close();

    const second = await startTestSandbox({ state });
    try {
      expect((await second.ec2.send(new DescribeKeyPairsCommand({ IncludePublicKey: true }))).KeyPairs).toEqual(before);
      const [instance] = await runInstances(second, { KeyName: 'kept' });
      expect(instance!.KeyName).toBe('kept');
      expect((await errorOf(second.ec2.send(new CreateKeyPairCommand({ KeyName: 'kept' })))).name).toBe('InvalidKeyPair.Duplicate');
    } finally {
      await second.close();
    }
  });
});
