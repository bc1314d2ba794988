import rule from '../../../server/src/rules/sensitive-logging/personal-data-in-log';
import { runRuleTests } from '../../support/rule-tester';

runRuleTests(rule, {
  valid: [
    // A number that belongs to something else.
    'console.log(`order ${order.number} shipped`);',
    // Message text that only mentions personal data.
    "logger.info('email sent');",
    "logger.info('verification email sent to the user');",
    // Ids, flags and counts about a person, and masked values.
    "logger.info({ userId: user.id, email: user.emailVerified, emailCount });",
    "logger.info(`User ${user.id} logged in`);",
    "logger.info('User ' + user.id);",
    "console.log(`Welcome back ${user}`);",
    "logger.info({ email: maskEmail(user.email) });",
    // Names are logged routinely: left out for precision (see the rule docs).
    "logger.info(user.name, user.firstName);",
    "logger.info({ userCount: users.length, userService, userAgent });",
    // A `user` that is a string (a database user name), read off configuration, or under an id key.
    "const user = process.env.DB_USER;\nconsole.log('connecting as', user);",
    "function connect(user: string) {\n  logger.info({ user });\n}",
    "logger.info({ dbUser: config.database.user });",
    "logger.info({ accountId: event.account });",
    // An email that is a message, not an address; a name whose head noun comes before a preposition; a flag.
    "logger.info({ sentEmail, welcomeEmail });",
    "console.log('Removed partners', partnersWithoutUserAccount);",
    "logger.info({ sendEmailToOwner });",
    // A call result is judged only for secrets and contact data, not as a whole record.
    "logger.debug(await loadCustomer(id));",
    {
      name: "test files are exempt",
      code: "console.log(user);",
      filename: "src/__tests__/users.ts",
    },
    {
      name: "seeds are exempt",
      code: "console.log(`Created ${user.email}`);",
      filename: "prisma/seed.ts",
    },
    {
      name: "a redaction naming keys of the object",
      code: "import { logger } from './logger';\nlogger.info({ user }, 'login');",
      files: { "src/logger.ts": "export const logger = pino({ redact: ['user.email', 'user.phone'] });" },
    },
    {
      name: "a redacted parent covers its keys",
      code: "import { logger } from './logger';\nlogger.info({ customer: { email } });",
      files: { "src/logger.ts": "export const logger = pino({ redact: ['customer'] });" },
    },
  ],
  invalid: [
    {
      name: 'a card number read off the card',
      code: 'console.log(`paying with card ${card.number}`);',
      errors: [{ messageId: 'paymentData', line: 1, column: 33, endLine: 1, endColumn: 44, output: "console.log(`paying with card [REDACTED]`);" }],
    },
    {
      name: 'an address read off a person, not off an account (often a wallet)',
      code: "logger.info({ address: user.address, wallet: account.address });",
      errors: [
        { messageId: "personalData", line: 1, column: 24, endLine: 1, endColumn: 36, output: "logger.info({ address: '[REDACTED]', wallet: account.address });" },
      ],
    },
    {
      name: 'a whole record through toJSON() is replaced as a whole',
      code: "console.log('user', user.toJSON());",
      errors: [
        { messageId: "wholeRecord", line: 1, column: 21, endLine: 1, endColumn: 25, output: "console.log('user', user?.id);" },
      ],
    },
    {
      code: "logger.info(`Sent welcome email to ${email}`);",
      errors: [
        { messageId: "personalData", line: 1, column: 38, endLine: 1, endColumn: 43, output: "logger.info(`Sent welcome email to [REDACTED]`);" },
      ],
    },
    {
      code: "console.log('user', user);",
      errors: [
        { messageId: "wholeRecord", line: 1, column: 21, endLine: 1, endColumn: 25, output: "console.log('user', user?.id);" },
      ],
    },
    {
      code: "logger.info({ user }, 'login');",
      errors: [
        { messageId: "wholeRecord", line: 1, column: 15, endLine: 1, endColumn: 19, output: "logger.info({ userId: user?.id }, 'login');" },
      ],
    },
    {
      code: "logger.info({ customer: order.customer });",
      errors: [
        { messageId: "wholeRecord", line: 1, column: 25, endLine: 1, endColumn: 39, output: "logger.info({ customer: order.customer?.id });" },
      ],
    },
    {
      code: "console.log(JSON.stringify(patient));",
      errors: [
        { messageId: "wholeRecord", line: 1, column: 28, endLine: 1, endColumn: 35, output: "console.log(JSON.stringify(patient?.id));" },
      ],
    },
    {
      code: "logger.info({ ...profile, action: 'update' });",
      errors: [
        { messageId: "wholeRecord", line: 1, column: 18, endLine: 1, endColumn: 25, output: "logger.info({ profileId: profile?.id, action: 'update' });" },
      ],
    },
    {
      code: "logger.info('users', users);",
      errors: [
        { messageId: "wholeRecord", line: 1, column: 22, endLine: 1, endColumn: 27, output: "logger.info('users', users?.length);" },
      ],
    },
    {
      code: "console.log(user.email, user.phoneNumber);",
      errors: [
        { messageId: "personalData", line: 1, column: 13, endLine: 1, endColumn: 23, output: "console.log('[REDACTED]', user.phoneNumber);" },
        { messageId: "personalData", line: 1, column: 25, endLine: 1, endColumn: 41, output: "console.log(user.email, '[REDACTED]');" },
      ],
    },
    {
      code: "logger.info({ card: payment.cardNumber, cvv });",
      errors: [
        { messageId: "paymentData", line: 1, column: 21, endLine: 1, endColumn: 39, output: "logger.info({ card: '[REDACTED]', cvv });" },
        { messageId: "paymentData", line: 1, column: 41, endLine: 1, endColumn: 44, output: "logger.info({ card: payment.cardNumber, cvv: '[REDACTED]' });" },
      ],
    },
    {
      code: "logger.warn(`ssn ${applicant.ssn} failed validation`);",
      errors: [
        { messageId: "personalData", line: 1, column: 20, endLine: 1, endColumn: 33, output: "logger.warn(`ssn [REDACTED] failed validation`);" },
      ],
    },
    {
      code: "logger.info({ email: to });",
      errors: [
        { messageId: "personalData", line: 1, column: 22, endLine: 1, endColumn: 24, output: "logger.info({ email: '[REDACTED]' });" },
      ],
    },
    {
      code: "logger.info({ user: req.user });",
      errors: [
        { messageId: "wholeRecord", line: 1, column: 21, endLine: 1, endColumn: 29, output: "logger.info({ user: req.user?.id });" },
      ],
    },
    {
      code: "logger.info(`Created ${newUser.email.toLowerCase()}`);",
      errors: [
        { messageId: "personalData", line: 1, column: 24, endLine: 1, endColumn: 37, output: "logger.info(`Created [REDACTED]`);" },
      ],
    },
    {
      code: "import { Injectable, Logger } from '@nestjs/common';\n@Injectable()\nexport class UsersService {\n  constructor(private readonly logger: Logger) {}\n  create(dto: CreateUserDto) {\n    this.logger.log({ dto, email: dto.email });\n  }\n}",
      errors: [
        { messageId: "personalData", line: 6, column: 35, endLine: 6, endColumn: 44, output: "import { Injectable, Logger } from '@nestjs/common';\n@Injectable()\nexport class UsersService {\n  constructor(private readonly logger: Logger) {}\n  create(dto: CreateUserDto) {\n    this.logger.log({ dto, email: '[REDACTED]' });\n  }\n}" },
      ],
    },
    {
      name: "configured sensitive field",
      code: "logger.info({ nhsNumber });",
      config: { logging: { sensitiveFields: ["nhsNumber"] } },
      errors: [
        { messageId: "configuredField", line: 1, column: 15, endLine: 1, endColumn: 24, output: "logger.info({ nhsNumber: '[REDACTED]' });" },
      ],
    },
    {
      name: "a wildcard redaction does not cover a whole object",
      code: "import { logger } from './logger';\nlogger.info({ user }, 'login');",
      files: { "src/logger.ts": "export const logger = pino({ redact: ['*.password'] });" },
      errors: [
        { messageId: "wholeRecord", line: 2, column: 15, endLine: 2, endColumn: 19, output: "import { logger } from './logger';\nlogger.info({ userId: user?.id }, 'login');" },
      ],
    },
  ],
});

