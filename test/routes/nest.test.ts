import { runRouteCases } from './run-cases';

const COMMON = "import { Body, Controller, Delete, Get, Param, Post, Query, Req, UseGuards, UsePipes, ValidationPipe, ParseIntPipe } from '@nestjs/common';\n";

runRouteCases('nest', [
  {
    name: 'controller prefix, class and method guards, parameter inputs, DTO validation needing a global pipe',
    code: `${COMMON}import { AuthGuard } from '@nestjs/passport';
@Controller('users')
@UseGuards(AuthGuard('jwt'))
export class UsersController {
  @Get(':id')
  findOne(@Param('id', ParseIntPipe) id: number, @Query('expand') expand: string) { return this.users.find(id, expand); }

  @Post()
  @UseGuards(RolesGuard)
  create(@Body() dto: CreateUserDto, @CurrentUser() user: User) { return this.users.create(dto, user.id); }

  @Delete(':id')
  remove(@Param('id') id: string, @Req() req: Request) { return this.users.remove(id, req.user.id, req.headers['x-reason']); }

  helper() { return 1; }
}`,
    routes: [
      { route: 'GET users/:id', guards: ['AuthGuard@class:auth'], inputs: ['params.id✓', 'query.expand'] },
      { route: 'POST users', guards: ['AuthGuard@class:auth', 'RolesGuard@method:auth'], inputs: ['body'], principal: ['@CurrentUser() user: User', 'user.id'] },
      { route: 'DELETE users/:id', inputs: ['params.id', 'headers.x-reason'], principal: ['req.user.id'] },
    ],
  },
  {
    name: 'a global ValidationPipe validates DTO bodies; APP_GUARD is a global guard; @Public opts out',
    filename: 'src/posts/posts.controller.ts',
    code: `${COMMON}@Controller({ path: 'posts' })
export class PostsController {
  @Public()
  @Get()
  list(@Query() query: ListPostsDto) { return query; }

  @Post()
  create(@Body() dto: CreatePostDto, @Body('title') title: string) { return dto; }
}`,
    files: {
      'src/main.ts': `import { NestFactory } from '@nestjs/core';
import { ValidationPipe } from '@nestjs/common';
const app = await NestFactory.create(AppModule);
app.useGlobalPipes(new ValidationPipe({ whitelist: true }));`,
      'src/app.module.ts': `import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
@Module({ providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }] })
export class AppModule {}`,
    },
    routes: [
      { route: 'GET posts', guards: [], projectGuards: ['JwtAuthGuard@global:auth'], optOut: 'Public', inputs: ['query✓'] },
      { route: 'POST posts', projectGuards: ['JwtAuthGuard@global:auth'], inputs: ['body✓', 'body.title'] },
    ],
  },
  {
    name: 'without a global pipe a DTO body is not validated; @UsePipes(ValidationPipe) on the method is',
    code: `${COMMON}@Controller('orders')
export class OrdersController {
  @Post()
  create(@Body() dto: CreateOrderDto) { return dto; }

  @Post('bulk')
  @UsePipes(new ValidationPipe())
  bulk(@Body() dto: BulkOrderDto) { return dto; }
}`,
    files: { 'src/main.ts': "import { NestFactory } from '@nestjs/core';\napp.useGlobalGuards(new ThrottlerGuard());" },
    routes: [
      { route: 'POST orders', projectGuards: ['ThrottlerGuard@global:other'], inputs: ['body'] },
      { route: 'POST orders/bulk', inputs: ['body✓'] },
    ],
  },
  {
    name: 'GraphQL resolver: @Query/@Mutation with @Args, guards and current user',
    code: `import { Resolver, Query, Mutation, Args } from '@nestjs/graphql';
import { UseGuards } from '@nestjs/common';
@Resolver(() => Team)
export class TeamResolver {
  @Query(() => Team, { name: 'team' })
  getTeam(@Args('id') id: string) { return this.teams.get(id); }

  @Mutation(() => Team)
  @UseGuards(GqlAuthGuard)
  renameTeam(@Args('id') id: string, @Args('name') name: string, @GqlUser() user: User) { return this.teams.rename(id, name, user.uid); }
}`,
    routes: [
      { route: 'QUERY team', guards: [], inputs: ['args.id'] },
      { route: 'MUTATION renameTeam', guards: ['GqlAuthGuard@method:auth'], inputs: ['args.id', 'args.name'] },
    ],
  },
]);
