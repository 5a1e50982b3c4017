import { Aspects, type App, Tags } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DataStack, DATABASE_NAME, DATABASE_USER } from './data-stack';
import { loadEnvContract, type EnvContract } from './env-contract';
import { NetworkStack } from './network-stack';
import { ServiceStack } from './service-stack';
import { readSettings } from './settings';
import { appSecretKeys, buildTaskEnvironment } from './task-environment';

/**
 * Context every Newsroom app is created with. Strong cross-stack references (CloudFormation
 * exports) stop the stateful stack from being changed under a service that still uses it.
 */
export const NEWSROOM_CONTEXT = { '@aws-cdk/core:defaultCrossStackReferences': 'strong' };

export interface Newsroom {
  network: NetworkStack;
  data: DataStack;
  service: ServiceStack;
}

/**
 * Adds the three stacks to `app`, in deploy order (network, data, service), with the AWS
 * Solutions checks of cdk-nag applied to all of them: a finding without a written suppression
 * is an error annotation, which fails `npm run infra:synth`, `cdk deploy` and the tests.
 */
export function addNewsroom(app: App, contract: EnvContract = loadEnvContract()): Newsroom {
  const settings = readSettings(app.node);
  checkDatabaseUrl(contract);
  const env = { account: settings.account, region: settings.region };

  const network = new NetworkStack(app, 'Newsroom-Network', {
    env,
    description: 'Newsroom: VPC over two AZs and the security groups of every tier',
    availabilityZones: settings.availabilityZones,
    natGateways: settings.natGateways,
  });
  const data = new DataStack(app, 'Newsroom-Data', {
    env,
    description: 'Newsroom (stateful): RDS PostgreSQL, ElastiCache Redis, ECR, secrets',
    terminationProtection: true,
    vpc: network.vpc,
    databaseSecurityGroup: network.databaseSecurityGroup,
    cacheSecurityGroup: network.cacheSecurityGroup,
    databaseInstanceType: settings.databaseInstanceType,
    cacheNodeType: settings.cacheNodeType,
    appSecretKeys: appSecretKeys(contract),
  });
  const taskEnvironment = buildTaskEnvironment(contract, {
    publicUrl: settings.publicUrl,
    database: {
      host: data.database.dbInstanceEndpointAddress,
      port: data.database.dbInstanceEndpointPort,
    },
    cache: {
      host: data.cache.attrPrimaryEndPointAddress,
      port: data.cache.attrPrimaryEndPointPort,
    },
    databaseSecret: data.databaseSecret,
    cacheAuthToken: data.cacheAuthToken,
    appSecret: data.appSecret,
  });
  const service = new ServiceStack(app, 'Newsroom-Service', {
    env,
    description: 'Newsroom (stateless): ECS Fargate API behind an HTTPS ALB, dashboard, alarms',
    vpc: network.vpc,
    albSecurityGroup: network.albSecurityGroup,
    taskSecurityGroup: network.taskSecurityGroup,
    repository: data.repository,
    taskEnvironment,
    taskCpu: settings.taskCpu,
    taskMemoryMiB: settings.taskMemoryMiB,
    migrateCommand: settings.migrateCommand,
    runbookBaseUrl: settings.runbookBaseUrl,
    latencyBudgetMs: settings.latencyBudgetMs,
  });

  Tags.of(app).add('project', 'newsroom');
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  return { network, data, service };
}

// The user and database in the contract's DATABASE_URL are the ones the data stack creates;
// a rename on either side fails synth instead of the first deploy.
function checkDatabaseUrl(contract: EnvContract): void {
  const url = contract.environment.DATABASE_URL;
  if (url === undefined) return;
  const parsed = new URL(url);
  if (parsed.username !== DATABASE_USER || parsed.pathname !== `/${DATABASE_NAME}`) {
    throw new Error(
      `deploy/env-contract.json DATABASE_URL must use user ${DATABASE_USER} and database ${DATABASE_NAME}`,
    );
  }
}
