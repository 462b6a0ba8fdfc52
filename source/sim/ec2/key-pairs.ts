import { ApiError } from '../errors.js';
import type { Tag } from '../model.js';
import type { Operation, Sandbox } from '../sandbox.js';
import { table } from '../state.js';
import { renderTags } from './ec2-render.js';
import { tagSpecifications } from './ec2-tags.js';
import { filterRecords } from './filters.js';
import { ec2Id, isoTime } from './ids.js';
import { generateKey, importedFingerprint, type KeyFormat } from './key-material.js';
import { boolParam, invalidValue, missingParameter, stringList, stringParam, type QueryObject } from './params.js';
import { parseOpenSshPublicKey, sshAlgorithm, type SshKeyType } from './ssh-wire.js';

/** Key pairs: CreateKeyPair, ImportKeyPair, DescribeKeyPairs, DeleteKeyPair. Names are unique per region. */

export interface KeyPairRecord {
  keyPairId: string;
  keyName: string;
  region: string;
  keyType: SshKeyType;
  /** The public key as an OpenSSH line. */
  publicKey: string;
  keyFingerprint: string;
  createTime: number;
  tags: Tag[];
}

export function keyPairs(sb: Sandbox): Map<string, KeyPairRecord> {
  return table<KeyPairRecord>(sb.tables, 'keyPairs');
}

export function keyPairByName(sb: Sandbox, region: string, keyName: string): KeyPairRecord | undefined {
  for (const keyPair of keyPairs(sb).values()) if (keyPair.region === region && keyPair.keyName === keyName) return keyPair;
  return undefined;
}

const notFound = (name: string) => new ApiError('InvalidKeyPair.NotFound', `The key pair '${name}' does not exist`);

/** The key pair RunInstances names, or EC2's error when the region has none by that name. */
export function requireKeyPairName(sb: Sandbox, region: string, keyName: string): KeyPairRecord {
  const keyPair = keyPairByName(sb, region, keyName);
  if (!keyPair) throw notFound(keyName);
  return keyPair;
}

const MAX_KEY_NAME = 255;

/** A new key's name: given, ASCII, at most 255 characters, and not taken in the region. */
function newKeyName(sb: Sandbox, region: string, params: QueryObject): string {
  const keyName = stringParam(params, 'KeyName');
  if (!keyName) throw missingParameter('KeyName');
  if (keyName.length > MAX_KEY_NAME) throw invalidValue(`Value (${keyName}) for parameter keyName is invalid. Length exceeds maximum of ${MAX_KEY_NAME}.`);
  if (!/^[\x20-\x7e]+$/.test(keyName)) throw invalidValue(`Value (${keyName}) for parameter keyName is invalid. Key names may contain only ASCII characters.`);
  if (keyPairByName(sb, region, keyName)) throw new ApiError('InvalidKeyPair.Duplicate', `The keypair '${keyName}' already exists.`);
  return keyName;
}

function choice<T extends string>(params: QueryObject, name: string, parameter: string, allowed: readonly T[]): T {
  const value = stringParam(params, name) ?? allowed[0]!;
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalidValue(`Value (${value}) for parameter ${parameter} is invalid. Valid values are: ${allowed.join(', ')}.`);
  }
  return value as T;
}

function saveKeyPair(sb: Sandbox, record: Omit<KeyPairRecord, 'keyPairId' | 'createTime'>): KeyPairRecord {
  const keyPair: KeyPairRecord = { keyPairId: ec2Id(sb, 'key'), createTime: sb.now(), ...record };
  keyPairs(sb).set(keyPair.keyPairId, keyPair);
  return keyPair;
}

export const CreateKeyPair: Operation = (sb, params, ctx) => {
  const keyName = newKeyName(sb, ctx.region, params);
  const keyType = choice<SshKeyType>(params, 'KeyType', 'keyType', ['rsa', 'ed25519']);
  const keyFormat = choice<KeyFormat>(params, 'KeyFormat', 'keyFormat', ['pem', 'ppk']);
  const tags = tagSpecifications(params, ['key-pair']).get('key-pair') ?? [];
  const key = generateKey(keyType, keyFormat, keyName);
  const keyPair = saveKeyPair(sb, { keyName, region: ctx.region, keyType, publicKey: key.publicKey, keyFingerprint: key.keyFingerprint, tags });
  return {
    keyPairId: keyPair.keyPairId,
    keyName,
    keyFingerprint: keyPair.keyFingerprint,
    keyMaterial: key.keyMaterial,
    tagSet: renderTags(tags),
  };
};

/** PublicKeyMaterial is a blob: base64 on the wire. A caller that sent the key's text as it is gets it read as text. */
function publicKeyText(material: string): string {
  if (/^ssh-/.test(material.trim())) return material;
  return Buffer.from(material, 'base64').toString('utf8');
}

export const ImportKeyPair: Operation = (sb, params, ctx) => {
  const keyName = newKeyName(sb, ctx.region, params);
  const material = stringParam(params, 'PublicKeyMaterial');
  if (!material) throw missingParameter('PublicKeyMaterial');
  const parsed = parseOpenSshPublicKey(publicKeyText(material));
  if (!parsed) throw new ApiError('InvalidKey.Format', 'Key is not in valid OpenSSH public key format');
  const tags = tagSpecifications(params, ['key-pair']).get('key-pair') ?? [];
  const keyPair = saveKeyPair(sb, {
    keyName,
    region: ctx.region,
    keyType: parsed.type,
    publicKey: [sshAlgorithm(parsed.type), parsed.blob.toString('base64'), parsed.comment].filter((part) => part !== '').join(' '),
    keyFingerprint: importedFingerprint(parsed.type, parsed.key, parsed.blob),
    tags,
  });
  return { keyFingerprint: keyPair.keyFingerprint, keyName, keyPairId: keyPair.keyPairId, tagSet: renderTags(tags) };
};

export const DescribeKeyPairs: Operation = (sb, params, ctx) => {
  const names = stringList(params, 'KeyName');
  const ids = stringList(params, 'KeyPairId');
  const inRegion = [...keyPairs(sb).values()].filter((k) => k.region === ctx.region);
  for (const name of names) if (!inRegion.some((k) => k.keyName === name)) throw notFound(name);
  for (const id of ids) if (!inRegion.some((k) => k.keyPairId === id)) throw notFound(id);
  const named = names.length === 0 && ids.length === 0 ? inRegion : inRegion.filter((k) => names.includes(k.keyName) || ids.includes(k.keyPairId));
  const matching = filterRecords(named, params, {
    'key-name': (k) => k.keyName,
    'key-pair-id': (k) => k.keyPairId,
    fingerprint: (k) => k.keyFingerprint,
  });
  const includePublicKey = boolParam(params, 'IncludePublicKey') ?? false;
  return {
    keySet: matching.map((k) => ({
      keyPairId: k.keyPairId,
      keyType: k.keyType,
      tagSet: renderTags(k.tags),
      publicKey: includePublicKey ? k.publicKey : undefined,
      createTime: isoTime(k.createTime),
      keyName: k.keyName,
      keyFingerprint: k.keyFingerprint,
    })),
  };
};

/** Deleting a key pair that is not there succeeds, as in EC2: the call is idempotent. */
export const DeleteKeyPair: Operation = (sb, params, ctx) => {
  const keyName = stringParam(params, 'KeyName');
  const keyPairId = stringParam(params, 'KeyPairId');
  if (!keyName && !keyPairId) throw missingParameter('KeyName or KeyPairId');
  const keyPair = keyPairId
    ? [...keyPairs(sb).values()].find((k) => k.region === ctx.region && k.keyPairId === keyPairId)
    : keyPairByName(sb, ctx.region, keyName!);
  if (keyPair) keyPairs(sb).delete(keyPair.keyPairId);
  return { return: true, keyPairId: keyPair?.keyPairId };
};

export const keyPairOperations = { CreateKeyPair, ImportKeyPair, DescribeKeyPairs, DeleteKeyPair };
