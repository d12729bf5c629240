import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { readProcessor } from '../workers/start-workers.js';
import { SANDBOX_ENV, type SandboxSettings } from '../workers/sandbox-settings.js';

/**
 * What a fresh sandboxed reader costs before its first job: a Node process that imports the read-document
 * processor as the service would (compiled when the build is fresh, else through tsx's loader) and its
 * modules (pdfjs, pdf-lib, tesseract.js …), then exits. BullMQ pays it per child, and the service again each time a child is recycled. Median of `runs`, ms.
 */
export async function sandboxStartMs(runs = 3): Promise<number> {
  const processor = readProcessor();
  const tsx = processor.typescript ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  const href = pathToFileURL(processor.file).href;
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [...tsx, '--input-type=module', '-e', `await import(${JSON.stringify(href)})`], {
        env: { ...process.env, [SANDBOX_ENV]: JSON.stringify({ storeDir: '/nonexistent/store', dataDir: '/nonexistent/data', readerHeapMb: 512 } satisfies SandboxSettings) },
        stdio: 'ignore',
      });
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0) throw new Error(`loading ${processor.file} in a fresh process failed (exit ${code}); run it by hand to see why`);
    ms.push(performance.now() - t0);
  }
  return ms.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}
