import { runRouteCases } from './run-cases';

runRouteCases('trpc', [
  {
    name: 'public vs protected procedures, .input validation, nested router keys, ctx principal',
    code: `import { z } from 'zod';
import { createTRPCRouter, publicProcedure, protectedProcedure } from '../trpc';
export const postRouter = createTRPCRouter({
  byId: publicProcedure.input(z.object({ id: z.string() })).query(({ input, ctx }) => ctx.db.post.find(input.id)),
  admin: createTRPCRouter({
    remove: protectedProcedure.input(z.object({ id: z.string() })).mutation(async ({ ctx, input }) => ctx.db.post.delete(input.id, ctx.session.user.id)),
  }),
  latest: publicProcedure.query(({ ctx }) => ctx.db.post.latest()),
});`,
    routes: [
      { route: 'QUERY byId', guards: [], inputs: ['input.id✓'] },
      { route: 'MUTATION admin.remove', guards: ['protectedProcedure@router:auth'], inputs: ['input.id✓'], principal: ['ctx.session.user.id'] },
      { route: 'QUERY latest', guards: [], inputs: [] },
    ],
  },
  {
    name: 'a local procedure base with .use(isAuthed) is followed',
    code: `import { initTRPC } from '@trpc/server';
const t = initTRPC.context<Context>().create();
const authedProcedure = t.procedure.use(isAuthed);
export const appRouter = t.router({
  update: authedProcedure.input(UpdateInput).mutation(({ input }) => save(input)),
  hello: t.procedure.query(() => 'hi'),
});`,
    routes: [
      { route: 'MUTATION update', guards: ['isAuthed@router:auth'], inputs: ['input✓'] },
      { route: 'QUERY hello', guards: [] },
    ],
  },
  {
    name: 'a procedure in its own file is named by its const; an admin procedure is an auth guard',
    code: `import { adminProcedure } from '../trpc';
export const resetTwoFactorRoute = adminProcedure.input(ZResetSchema).mutation(async ({ input, ctx }) => reset(input.userId, ctx.user.id));`,
    routes: [{ route: 'MUTATION resetTwoFactorRoute', guards: ['adminProcedure@router:auth'], inputs: ['input.userId✓'] }],
  },
]);
