// Loads a handler the way the Lambda Node.js runtime does (aws-lambda-nodejs-runtime-interface-
// client, UserFunction.js): _HANDLER "index.handler" names module "index" in LAMBDA_TASK_ROOT,
// tried as index.js, index.mjs, index.cjs; .mjs is loaded with import() (its top-level await is
// the init phase), the export named after the dot must be a function, and each invocation awaits
// handler(event, context). Usage: node lambda-runtime.mjs EVENTS.json RESULTS.json, run with the
// task root as working directory and LAMBDA_TASK_ROOT and _HANDLER set, as the runtime has them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [eventsFile, resultsFile] = process.argv.slice(2);
const root = process.env.LAMBDA_TASK_ROOT;
const [moduleName, handlerName] = process.env._HANDLER.split('.');

async function loadModule() {
  for (const ext of ['.js', '.mjs', '.cjs']) {
    const file = join(root, moduleName + ext);
    if (!existsSync(file)) continue;
    if (ext === '.cjs') return (await import('node:module')).createRequire(file)(file);
    return import(pathToFileURL(file).href);
  }
  throw Object.assign(new Error(`Cannot find module '${moduleName}'`), { name: 'Runtime.ImportModuleError' });
}

// process.hrtime rather than the global performance, whose first use loads perf_hooks: the
// harness must not load for the function what the function itself avoids (bench/cold-start.ts).
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const initStart = nowMs();
const mod = await loadModule();
const handler = mod[handlerName];
if (typeof handler !== 'function')
  throw Object.assign(new Error(`${process.env._HANDLER} is undefined or not exported`), {
    name: 'Runtime.HandlerNotFound',
  });
const initMs = nowMs() - initStart;

const results = [];
// Each invocation's time, for bench/cold-start.ts.
const invokeMs = [];
let n = 0;
for (const event of JSON.parse(readFileSync(eventsFile, 'utf8'))) {
  const context = {
    awsRequestId: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    getRemainingTimeInMillis: () => 3000,
  };
  const t0 = nowMs();
  try {
    results.push({ ok: await handler(event, context) });
  } catch (e) {
    results.push({ errorType: e.name, errorMessage: e.message });
  }
  invokeMs.push(nowMs() - t0);
}
// CPU time of the whole process so far, all threads (less sensitive than wall time to a busy machine).
const { user, system } = process.cpuUsage();
writeFileSync(
  resultsFile,
  JSON.stringify({
    node: process.version,
    initMs,
    invokeMs,
    cpuMs: (user + system) / 1000,
    // Node's own modules loaded so far (internal ones too), for tests of what the cold start loads.
    nodeModules: process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)),
    results,
  }),
);
