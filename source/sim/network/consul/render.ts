import type { CatalogCheck, CatalogNode, CatalogService, KvEntry, ServiceHealth } from './catalog.js';

/** The catalog's records in the JSON shapes of Consul's HTTP API (field names as Consul writes them). */

export function renderNode(node: CatalogNode): Record<string, unknown> {
  return {
    ID: node.id,
    Node: node.name,
    Address: node.address,
    Datacenter: node.datacenter,
    TaggedAddresses: node.taggedAddresses,
    Meta: node.meta,
    CreateIndex: node.createIndex,
    ModifyIndex: node.modifyIndex,
  };
}

/** A service as the agent and catalog node endpoints show it. */
export function renderAgentService(service: CatalogService, datacenter: string): Record<string, unknown> {
  return {
    ID: service.id,
    Service: service.name,
    Tags: service.tags,
    Meta: service.meta,
    Port: service.port,
    Address: service.address,
    Weights: service.weights,
    EnableTagOverride: service.enableTagOverride,
    Datacenter: datacenter,
  };
}

export function renderHealthService(service: CatalogService): Record<string, unknown> {
  return {
    ID: service.id,
    Service: service.name,
    Tags: service.tags,
    Address: service.address,
    Meta: service.meta,
    Port: service.port,
    Weights: service.weights,
    EnableTagOverride: service.enableTagOverride,
    CreateIndex: service.createIndex,
    ModifyIndex: service.modifyIndex,
  };
}

/** GET /v1/catalog/service/:name: one flat entry per instance, node fields first. */
export function renderCatalogService(entry: { node: CatalogNode; service: CatalogService }): Record<string, unknown> {
  const { node, service } = entry;
  return {
    ID: node.id,
    Node: node.name,
    Address: node.address,
    Datacenter: node.datacenter,
    TaggedAddresses: node.taggedAddresses,
    NodeMeta: node.meta,
    ServiceKind: '',
    ServiceID: service.id,
    ServiceName: service.name,
    ServiceTags: service.tags,
    ServiceAddress: service.address,
    ServiceWeights: service.weights,
    ServiceMeta: service.meta,
    ServicePort: service.port,
    ServiceEnableTagOverride: service.enableTagOverride,
    CreateIndex: service.createIndex,
    ModifyIndex: service.modifyIndex,
  };
}

export function renderCheck(check: CatalogCheck): Record<string, unknown> {
  const definition = check.definition;
  return {
    Node: check.node,
    CheckID: check.checkId,
    Name: check.name,
    Status: check.status,
    Notes: check.notes,
    Output: check.output,
    ServiceID: check.serviceId,
    ServiceName: check.serviceName,
    ServiceTags: check.serviceTags,
    Type: check.type,
    Interval: (definition.Interval as string | undefined) ?? '',
    Timeout: (definition.Timeout as string | undefined) ?? '',
    ExposedPort: 0,
    Definition: definition,
    CreateIndex: check.createIndex,
    ModifyIndex: check.modifyIndex,
  };
}

export function renderServiceHealth(entry: ServiceHealth): Record<string, unknown> {
  return {
    Node: renderNode(entry.node),
    Service: renderHealthService(entry.service),
    Checks: entry.checks.map(renderCheck),
  };
}

export function renderKv(entry: KvEntry): Record<string, unknown> {
  return {
    LockIndex: 0,
    Key: entry.key,
    Flags: entry.flags,
    Value: entry.value && entry.value.length > 0 ? entry.value.toString('base64') : null,
    CreateIndex: entry.createIndex,
    ModifyIndex: entry.modifyIndex,
  };
}
