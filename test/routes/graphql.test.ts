import { runRouteCases } from './run-cases';

runRouteCases('graphql', [
  {
    name: 'resolver map: Query and Mutation fields, args inputs, context principal, wrapper guards',
    code: `import { Resolvers } from './generated';
export const resolvers: Resolvers = {
  Query: {
    user: (_parent, args, ctx) => ctx.db.user.find(args.id),
    me(_parent, _args, { user }) { return user; },
  },
  Mutation: {
    deletePost: requireAuth(async (_p, { id }, context) => context.db.post.delete(id, context.user.id)),
  },
  User: { posts: (user) => user.posts },
};`,
    routes: [
      { route: 'QUERY Query.user', guards: [], inputs: ['args.id'], principal: [] },
      { route: 'QUERY Query.me', inputs: [], principal: ['user'] },
      { route: 'MUTATION Mutation.deletePost', guards: ['requireAuth@route:auth'], inputs: ['args.id'], principal: ['context.user.id'] },
    ],
  },
]);
