import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import path from 'node:path';
import { loadEnvContract } from '../lib/env-contract';
import { addNewsroom, NEWSROOM_CONTEXT, type Newsroom } from '../lib/newsroom';

/** The repo root (infra/ is one level down). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export const contract = loadEnvContract();

/** Builds the whole app with the offline defaults and returns its stacks and templates. */
export function synthNewsroom(context: Record<string, unknown> = {}): Newsroom & {
  app: App;
  templates: { network: Template; data: Template; service: Template };
} {
  const app = new App({ context: { ...NEWSROOM_CONTEXT, ...context } });
  const stacks = addNewsroom(app, contract);
  return {
    app,
    ...stacks,
    templates: {
      network: Template.fromStack(stacks.network),
      data: Template.fromStack(stacks.data),
      service: Template.fromStack(stacks.service),
    },
  };
}

/** Logical id of the one resource of `type` whose properties match `properties`. */
export function logicalId(template: Template, type: string, properties: object): string {
  const ids = Object.keys(template.findResources(type, { Properties: properties }));
  const [id, ...others] = ids;
  if (id === undefined || others.length > 0) {
    throw new Error(`Expected one ${type} matching, found ${ids.length}`);
  }
  return id;
}
