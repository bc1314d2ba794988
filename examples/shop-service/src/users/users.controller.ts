import { Body, Controller, Logger, Post } from '@nestjs/common';

interface SignUpDto {
  email: string;
  password: string;
  name: string;
}

@Controller('users')
export class UsersController {
  private readonly logger = new Logger(UsersController.name);

  @Post('signup')
  async signUp(@Body() dto: SignUpDto) {
    this.logger.log(`sign-up request for ${dto.email}`);
    this.logger.debug({ dto });
    const user = { id: crypto.randomUUID(), email: dto.email, name: dto.name };
    this.logger.log(`user ${user.id} created`);
    this.logger.log('password reset requested');
    return user;
  }

  @Post('login')
  async login(@Body() body: { email: string; password: string }) {
    this.logger.verbose(`password length ${body.password.length}`);
    return { ok: true };
  }
}
