// Starts a worker thread on a module that sits beside the caller. Under tsx (the tests
// and the CLIs run the TypeScript) a worker does not inherit tsx's loader on Node 20,
// so the worker registers it before loading the module.
import { Worker } from 'node:worker_threads';

/** callerUrl: the caller's import.meta.url; name: the module's file name without extension. */
export function startModuleWorker(callerUrl: string, name: string, workerData: unknown): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const module = new URL(`./${name}.ts`, callerUrl).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(module)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}
