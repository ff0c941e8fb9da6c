// /admin/tokens: administrators make, list and revoke tokens (the same as `npm run token`).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tokenRecord, tokenRequest, type TokenStore } from '../../auth/token-store.js';
import { requireRole } from '../authentication.js';

const tags = ['tokens'];
const security = [{ bearerAuth: [] }];

export async function tokenRoutes(app: FastifyInstance, options: { tokens: TokenStore }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { tokens } = options;
  typed.get('/admin/tokens', { schema: { summary: 'List tokens (never their secrets)', tags, security, response: { 200: z.object({ tokens: z.array(tokenRecord) }).describe('Every token, revoked ones too') } }, preValidation: requireRole('admin') }, async () => ({
    tokens: tokens.list(),
  }));
  typed.post(
    '/admin/tokens',
    { schema: { summary: 'Make a token; its secret is in this answer only', tags, security, body: tokenRequest }, preValidation: requireRole('admin') },
    async (request, reply) => {
      const created = await tokens.create(request.body, new Date().toISOString());
      return reply.code(201).send(created);
    },
  );
  typed.delete(
    '/admin/tokens/:id',
    { schema: { summary: 'Revoke a token', tags, security, params: z.object({ id: z.string().uuid('a token id is a uuid') }) }, preValidation: requireRole('admin') },
    async (request) => ({ token: await tokens.revoke(request.params.id, new Date().toISOString()) }),
  );
}
