import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../src/runtime/free-port.js';
import { probeRedis } from '../../workers/redis/probe-redis.js';

/**
 * A redis-server of the test's own, on one port for its whole life, that the test can stop and start
 * again on that port and data folder: append-only (as the service's private one), so what was queued
 * survives the restart. Never the machine's Redis.
 */
export class RestartableRedis {
  private child: ChildProcess | null = null;

  private constructor(
    private readonly binary: string,
    readonly port: number,
    readonly dir: string,
  ) {}

  static async start(binary: string, dir: string): Promise<RestartableRedis> {
    await mkdir(dir, { recursive: true });
    const redis = new RestartableRedis(binary, await freePort(), dir);
    await redis.up();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts redis-server on the port and data folder it had, and waits until it answers PING (its AOF replayed). */
  async up(): Promise<void> {
    if (this.child) return;
    const child = spawn(
      this.binary,
      ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction', '--daemonize', 'no'],
      { stdio: 'ignore' },
    );
    this.child = child;
    for (const end = Date.now() + 15_000; Date.now() < end; await sleep(50)) {
      if (child.exitCode !== null) break;
      if ((await probeRedis(this.url, 500)).ok) return;
    }
    await this.down('SIGKILL');
    throw new Error(`redis-server ${this.binary} did not answer on port ${this.port} (data in ${this.dir}) within 15 s`);
  }

  /** SIGTERM, which makes redis-server flush its append-only file before it exits; waits for the exit. */
  async down(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
