import { runCli } from './main';

const today = new Date().toISOString().slice(0, 10);
process.exitCode = runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTty: !!process.stderr.isTTY,
  stdoutIsTty: !!process.stdout.isTTY,
  today,
});
