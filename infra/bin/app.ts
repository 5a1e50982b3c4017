/**
 * The CDK app: `npm run synth` (offline, no credentials) or `npx cdk deploy` (infra/README.md).
 * Exits non-zero when any stack carries an error annotation (an unsuppressed cdk-nag finding),
 * which `cdk synth` would also refuse.
 */
import { App } from 'aws-cdk-lib';
import path from 'node:path';
import { addNewsroom, NEWSROOM_CONTEXT } from '../lib/newsroom';

const app = new App({
  outdir: process.env.CDK_OUTDIR ?? path.join(__dirname, '..', 'cdk.out'),
  context: NEWSROOM_CONTEXT,
});
addNewsroom(app);
const assembly = app.synth();

let errors = 0;
for (const stack of assembly.stacks) {
  for (const message of stack.messages) {
    const level: string = message.level;
    if (level === 'info') continue;
    if (level === 'error') errors += 1;
    const data = message.entry.data;
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    process.stderr.write(`${level} ${message.id}: ${text}\n`);
  }
}
if (errors > 0) process.exit(1);
process.stdout.write(
  `Synthesized ${assembly.stacks.map((s) => s.stackName).join(', ')} to ${assembly.directory}\n`,
);
