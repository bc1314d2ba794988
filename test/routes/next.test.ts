import { runRouteCases } from './run-cases';

runRouteCases('next', [
  {
    name: 'app router: exported methods, path from the folders, params and body, auth() as principal',
    filename: 'app/(dashboard)/api/projects/[id]/route.ts',
    code: `import { NextRequest, NextResponse } from 'next/server';
import { auth } from '@/auth';
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const session = await auth();
  return NextResponse.json(await load(id, request.nextUrl.searchParams.get('view'), session.user.id));
}
export const DELETE = async (req: Request, context: { params: { id: string } }) => {
  const body = UpdateSchema.parse(await req.json());
  return remove(context.params.id, body);
};
export const dynamic = 'force-dynamic';`,
    routes: [
      { route: 'GET /api/projects/[id]', guards: [], inputs: ['params', 'query'], principal: ['auth()', 'session.user.id'] },
      { route: 'DELETE /api/projects/[id]', inputs: ['body✓', 'params.id'] },
    ],
  },
  {
    name: 'app router: handler wrappers are guards; a wrapper that hands over the session authenticates',
    filename: 'apps/web/app/api/links/route.ts',
    code: `import { withWorkspace } from '@/lib/auth';
export const POST = withWorkspace(async ({ req, workspace, session, searchParams }) => {
  const body = createLinkSchema.parse(await parseRequestBody(req));
  const raw = await req.json();
  return NextResponse.json(await createLink({ body, raw, workspaceId: workspace.id, domain: searchParams.domain }));
}, { requiredPermissions: ['links.write'] });
export const GET = withCache(async (req: Request) => Response.json(await list(new URL(req.url))));`,
    routes: [
      { route: 'POST /api/links', guards: ['withWorkspace@route:auth'], inputs: ['body', 'query.domain'], principal: ['workspace.id'] },
      { route: 'GET /api/links', guards: ['withCache@route:other'], inputs: [] },
    ],
  },
  {
    name: 'pages/api: one route per checked method, default-export wrapper',
    filename: 'src/pages/api/users/[id].ts',
    code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth/next';
async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, authOptions);
  if (req.method === 'GET') return res.json(await find(req.query.id));
  if (req.method === 'PUT') return res.json(await update(req.query.id, req.body, session.user.id));
  res.status(405).end();
}
export default withSentry(handler);`,
    routes: [
      { route: 'GET /api/users/[id]', guards: ['withSentry@route:unknown'], inputs: ['query.id', 'query.id', 'body'] },
      { route: 'PUT /api/users/[id]' },
    ],
  },
  {
    name: 'pages/api without method checks is ALL; index files drop the name',
    filename: 'pages/api/webhooks/index.js',
    code: 'export default async (req, res) => { await handle(req.body, req.headers["stripe-signature"]); res.end(); };',
    routes: [{ route: 'ALL /api/webhooks', guards: [], inputs: ['body', 'headers.stripe-signature'] }],
  },
  {
    name: 'not a route file: the same exports elsewhere are not routes',
    filename: 'src/lib/handlers.ts',
    code: 'export async function GET(request: Request) { return Response.json(await request.json()); }',
    routes: [],
  },
]);
