import type { FastifyInstance } from 'fastify';
import { readUsersFile } from '../users/users-file.js';
import { buildServer, type ServerDeps } from './build-server.js';

/**
 * Reads the accounts from the users file (USERS_FILE; a missing file is an error saying how to add the first
 * account: a server no one can log in to is a mistake), builds the server and listens on HOST:PORT.
 */
export async function startServer(deps: Omit<ServerDeps, 'users'>): Promise<FastifyInstance> {
  const users = await readUsersFile(deps.config.usersFile);
  const app = await buildServer({ ...deps, users });
  await app.listen({ port: deps.config.port, host: deps.config.host });
  return app;
}
