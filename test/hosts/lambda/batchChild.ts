/**
 * Runs one batch invocation in a child process (batch-large.test.ts starts it with a small V8
 * heap: a handler that held the object would run out of memory), against the S3 endpoint given,
 * and prints one JSON line: the invocation's result and the process's resident memory at the
 * start and at its peak (sampled every 20 ms).
 */
import { S3Client } from '@aws-sdk/client-s3';
import { createBatchHandler } from '../../../src/hosts/lambda/batch/handler.js';
import { BatchConfig } from '../../../src/hosts/lambda/batch/config.js';
import { jsonLogger } from '../../../src/hosts/lambda/log.js';

export interface ChildJob {
  endpoint: string;
  config: BatchConfig;
  warm: unknown;
  event: unknown;
}

const job = JSON.parse(process.argv[2]) as ChildJob;
const client = new S3Client({
  endpoint: job.endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  forcePathStyle: true,
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});
const run = createBatchHandler({ config: job.config, client, log: jsonLogger('warn', () => {}) });
// The model, the SDK and the first connection are loaded by a small item first: they are not growth.
await run(job.warm);
const rssStart = process.memoryUsage().rss;
let rssPeak = rssStart;
const ticker = setInterval(() => {
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
}, 20);
const result = await run(job.event);
clearInterval(ticker);
client.destroy();
process.stdout.write(JSON.stringify({ result, rssStart, rssPeak }) + '\n');
